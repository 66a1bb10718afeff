using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Embedding.Ingest;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench ingest`: end-to-end ingest throughput against the bare ONNX session at the same batch size.</summary>
internal static class IngestBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new ModelOptions();
        var gallery = new Option<DirectoryInfo>("--gallery") { Description = "A folder laid out as ROOT/<label>/<image>.", Required = true };
        var workers = new Option<int>("--workers") { Description = "Decode + preprocess workers (0 = one per core).", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var rounds = new Option<int>("--rounds") { Description = "Alternating rounds of bare session and full ingest.", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var work = new Option<DirectoryInfo>("--work-dir") { Description = "Where the temporary databases go (deleted afterwards).", DefaultValueFactory = _ => new DirectoryInfo(Path.GetTempPath()) };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this file." };
        var command = new Command("ingest", "Ingest a gallery end to end (decode, preprocess, embed, durable writes, HNSW) and run the same ONNX session on tensors made in advance, round by round; report both rates and their ratio, and decode + preprocess per worker.")
        {
            gallery, workers, rounds, work, json,
        };
        model.AddTo(command);
        command.SetAction((result, _) => UserErrors.RunAsync(result, async log =>
        {
            var folder = result.GetValue(gallery)!;
            var items = FolderGallery.Read(folder.FullName);
            using var embedder = model.Open(result, log);
            var options = new IngestOptions { Workers = result.GetValue(workers) };
            var report = await IngestBench.RunAsync(embedder, items, folder.FullName, options, result.GetValue(rounds), result.GetValue(work)!.FullName, log);
            ReportJson.Emit(result, report, result.GetValue(json));
            return 0;
        }));
        return command;
    }
}
