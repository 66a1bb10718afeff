using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands.Storage;
using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Ingestion;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>`arcvdb ingest`: embed a gallery with an ONNX model into a collection, with progress, an error report and resume.</summary>
internal static class IngestCommand
{
    /// <summary>Exit code of a run stopped by Ctrl-C (128 + SIGINT), after everything written was committed.</summary>
    public const int Interrupted = 130;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var db = DatabaseOptions.Database();
        var collection = DatabaseOptions.Collection(required: true, "The collection to ingest into; created for the model when absent.");
        var model = new ModelOptions();
        var faces = new FaceDetectionOptions();
        var source = new GallerySource();
        var workers = new Option<int>("--workers") { Description = "Decode + preprocess workers (0 = one per core).", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var resume = new Option<bool>("--resume") { Description = "Skip images whose id is already in the collection (continue a stopped ingest)." };
        var durability = new Option<Durability>("--durability") { Description = "Durable: every batch is committed before it counts as done; FireAndForget: committed in the background.", DefaultValueFactory = _ => Durability.Durable };
        var thumbnails = new Option<bool>("--thumbnails") { Description = "Keep a small JPEG per point (the aligned face, else the image at most 128 px) for the console.", DefaultValueFactory = _ => true };
        var errors = new Option<FileInfo?>("--errors") { Description = "Where to write the error report (JSON lines: path, reason). Default: DB/reports/ingest-COLLECTION-TIME.errors.jsonl." };
        var m = IndexOptions.M("HNSW M of a new collection.");
        var efConstruction = IndexOptions.EfConstruction("HNSW efConstruction of a new collection.");
        var quantization = IndexOptions.Quantization("How a new collection's index holds vectors (an existing one must already have it):");

        var command = new Command("ingest", "Embed a gallery (label folders, CSV manifest or In-shop split) into a collection: parallel decoding, " +
            "with --detector every face of each photo detected, aligned and stored as its own point, batched ONNX inference, " +
            "a progress bar, an error report for unusable files; Ctrl-C stops cleanly and --resume continues.")
        {
            db, collection,
        };
        // The gallery is what a user must give first, so its options come right after the database's.
        source.AddTo(command);
        foreach (var option in (Option[])[workers, resume, durability, thumbnails, errors, m, efConstruction, quantization])
            command.Options.Add(option);
        faces.AddTo(command, withSelection: true);
        model.AddTo(command);
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            var items = source.Read(result);
            using var opened = OpenedImageEmbedder.Open(result, model, faces, log);
            var embedder = opened.Embedder.WithThumbnails(result.GetValue(thumbnails) ? new ThumbnailMaker() : null);
            var recogniser = embedder.Model;
            log.Line($"model {recogniser.ModelId}: [{recogniser.BatchSize},3,{recogniser.Spec.Height},{recogniser.Spec.Width}] → {recogniser.Dimension}-d on {recogniser.Provider}; {recogniser.PreprocessDescription}");
            string name = result.GetValue(collection)!;
            await using var database = VectorDatabase.OpenOrCreate(result.GetValue(db)!.FullName);
            var target = await IngestTarget.OpenAsync(database, name, embedder, new CollectionSettings
            {
                Name = name, Dimension = recogniser.Dimension, M = result.GetValue(m), EfConstruction = result.GetValue(efConstruction),
                Quantization = result.GetValue(quantization),
            });
            if (result.GetResult(quantization) is { Implicit: false } && target.Settings.Quantization != result.GetValue(quantization))
                throw new InvalidDataException($"Collection '{name}' exists with {target.Settings.Quantization.Name()} quantisation, and --quantization {result.GetValue(quantization).Name()} was given. Leave the option out to ingest into it as it is, or ingest into another collection.");
            if (target.Settings.Detector is { } detector && embedder.Faces is null)
                log.Line($"note: collection '{name}' finds the faces of query photos with {detector}; without --detector these images are embedded whole, as aligned face crops should be.");
            string reportPath = result.GetValue(errors)?.FullName ?? DatabaseReports.PathFor(database.Directory, $"ingest-{name}", "errors.jsonl");
            using var report = new ErrorReport(reportPath);
            var options = new IngestOptions { Workers = result.GetValue(workers), Resume = result.GetValue(resume) };
            var sink = new CollectionSink(target, result.GetValue(durability));
            var summary = await IngestWithProgress.RunAsync(new IngestPipeline(embedder, sink, options, report), items, $"ingest into '{name}'", log, cancellation);
            result.InvocationConfiguration.Output.WriteLine(summary.ToString());
            result.InvocationConfiguration.Output.WriteLine($"collection '{name}' now holds {target.Count} vectors");
            return summary.Cancelled ? Interrupted : 0;
        }));
        return command;
    }
}
