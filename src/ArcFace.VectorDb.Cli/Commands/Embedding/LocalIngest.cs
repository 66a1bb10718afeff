using System.CommandLine;
using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Ingestion;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>`arcvdb ingest --db`: embed a gallery here into a collection of a local database, created for the model when absent.</summary>
internal static class LocalIngest
{
    /// <summary>Runs the ingest the options describe; returns the exit code.</summary>
    public static async Task<int> RunAsync(ParseResult result, IngestArguments arguments, ProgressLog log, CancellationToken cancellation)
    {
        var items = arguments.Source.Read(result);
        using var opened = OpenedImageEmbedder.Open(result, arguments.Model, arguments.Faces, log);
        var embedder = opened.Embedder.WithThumbnails(result.GetValue(arguments.Thumbnails) ? new ThumbnailMaker() : null);
        log.Line(opened.Description);
        string name = result.GetValue(arguments.Collection)!;
        var quantization = arguments.Quantization;
        await using var database = VectorDatabase.OpenOrCreate(result.GetValue(arguments.Database)!.FullName);
        var target = await IngestTarget.OpenAsync(database, name, embedder, new CollectionSettings
        {
            Name = name, Dimension = embedder.Dimension, M = result.GetValue(arguments.M), EfConstruction = result.GetValue(arguments.EfConstruction),
            Quantization = result.GetValue(quantization),
        });
        if (result.GetResult(quantization) is { Implicit: false } && target.Settings.Quantization != result.GetValue(quantization))
            throw new InvalidDataException($"Collection '{name}' exists with {target.Settings.Quantization.Name()} quantisation, and --quantization {result.GetValue(quantization).Name()} was given. Leave the option out to ingest into it as it is, or ingest into another collection.");
        if (target.Settings.Detector is { } detector && embedder.Faces is null)
            log.Line($"note: collection '{name}' finds the faces of query photos with {detector}; without --detector these images are embedded whole, as aligned face crops should be.");
        using var report = new ErrorReport(arguments.ReportPath(result, database.Directory, name));
        var options = new IngestOptions { Workers = result.GetValue(arguments.Workers), Resume = result.GetValue(arguments.Resume) };
        var sink = new CollectionSink(target, result.GetValue(arguments.Durability));
        var summary = await IngestWithProgress.RunAsync(new IngestPipeline(embedder, sink, options, report), items, $"ingest into '{name}'", log, cancellation);
        return IngestCommand.Finish(result, summary, name, target.Count);
    }
}
