using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ArcFace.VectorDb.Embedding.Ingest;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>`arcvdb embed`: print the normalised embeddings of image files (for debugging and for other tools).</summary>
internal static class EmbedCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new ModelOptions();
        var faces = new FaceDetectionOptions();
        var images = new Argument<FileInfo[]>("images") { Description = "Image files to embed.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "jsonl: {\"path\": …, \"vector\": […]} per line; tsv: path, then the components, tab-separated.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "tsv");
        var command = new Command("embed", "Print the L2-normalised embedding of each image, or with --detector of each face (unusable files and photos without a face are named on stderr and make the exit code 1).") { images, format };
        faces.AddTo(command, withSelection: true);
        model.AddTo(command);
        command.SetAction(result => UserErrors.Run(result, log =>
        {
            using var opened = OpenedImageEmbedder.Open(result, model, faces, log);
            var embedder = opened.Embedder;
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
                foreach (var point in embedded.Points)
                {
                    // With --detector each face is a line: the path then names the face ("photo.jpg#1" in tsv, a "face" key in jsonl).
                    var vector = point.Vector;
                    output.WriteLine(result.GetValue(format) == "tsv"
                        ? file.FullName + (point.Face is { } face ? $"#{face.Index}" : "") + "\t" + string.Join('\t', vector.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))
                        : point.Face is { Index: var index } ? JsonSerializer.Serialize(new { path = file.FullName, face = index, vector }) : JsonSerializer.Serialize(new { path = file.FullName, vector }));
                }
            }
            return failed == 0 ? 0 : 1;
        }));
        return command;
    }
}
