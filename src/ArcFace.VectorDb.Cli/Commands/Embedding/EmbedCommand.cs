using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>`arcvdb embed`: print the normalised embeddings of image files (for debugging and for other tools).</summary>
internal static class EmbedCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new ModelOptions();
        var images = new Argument<FileInfo[]>("images") { Description = "Image files to embed.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "jsonl: {\"path\": …, \"vector\": […]} per line; tsv: path, then the components, tab-separated.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "tsv");
        var command = new Command("embed", "Print the L2-normalised embedding of each image (unusable files are named on stderr and make the exit code 1).") { images, format };
        model.AddTo(command);
        command.SetAction(result => UserErrors.Run(result, log =>
        {
            using var recogniser = model.Open(result, log);
            var embedder = new ImageEmbedder(recogniser);
            var output = result.InvocationConfiguration.Output;
            int failed = 0;
            foreach (var file in result.GetValue(images)!)
            {
                var embedded = embedder.Embed(new GalleryItem(file.FullName, file.Name, "", 0));
                if (embedded.Problem is { } problem)
                {
                    log.Line($"{file.FullName}: {problem}");
                    failed++;
                    continue;
                }
                foreach (var vector in embedded.Points.Select(point => point.Vector))
                {
                    output.WriteLine(result.GetValue(format) == "tsv"
                        ? file.FullName + "\t" + string.Join('\t', vector.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))
                        : JsonSerializer.Serialize(new { path = file.FullName, vector }));
                }
            }
            return failed == 0 ? 0 : 1;
        }));
        return command;
    }
}
