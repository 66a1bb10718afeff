using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Embedding.Ingest;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench ingest`: end-to-end ingest throughput against the bare ONNX session at the same batch size, or with --detector where a face ingest spends its time.</summary>
internal static class IngestBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new ModelOptions();
        var faces = new FaceDetectionOptions();
        var source = new GallerySource();
        var workers = new Option<int>("--workers") { Description = "Decode + preprocess workers (0 = one per core).", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var rounds = new Option<int>("--rounds") { Description = "Counted rounds, after one warm-up round.", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var work = new Option<DirectoryInfo>("--work-dir") { Description = "Where the temporary databases go (deleted afterwards).", DefaultValueFactory = _ => new DirectoryInfo(Path.GetTempPath()) };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this file." };
        var command = new Command("ingest", "Ingest a gallery end to end (decode, preprocess, embed, durable writes, HNSW) and run the same ONNX session on tensors made in advance, round by round; " +
            "report both rates and their ratio, and decode + preprocess per worker. With --detector: decode, detect, align, embed and write timed apart, and the ingest with and without detection.")
        {
            workers, rounds, work, json,
        };
        source.AddTo(command);
        faces.AddTo(command, withSelection: true);
        model.AddTo(command);
        command.SetAction((result, _) => UserErrors.RunAsync(result, async log =>
        {
            var items = source.Read(result);
            string gallery = source.Describe(result);
            var options = new IngestOptions { Workers = result.GetValue(workers) };
            using var opened = OpenedImageEmbedder.Open(result, model, faces, log);
            if (opened.Embedder.Faces is null)
            {
                var report = await IngestBench.RunAsync(opened.Embedder.Model, items, gallery, options, result.GetValue(rounds), result.GetValue(work)!.FullName, log);
                ReportJson.Emit(result, report, result.GetValue(json));
            }
            else
            {
                var report = await FaceIngestBench.RunAsync(opened.Embedder, items, gallery, options, result.GetValue(rounds), result.GetValue(work)!.FullName, log);
                ReportJson.Emit(result, report, result.GetValue(json));
            }
            return 0;
        }));
        return command;
    }
}
