using System.Diagnostics;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Ingestion;
using ArcFace.VectorDb.Storage;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// What `arcvdb bench ingest` measured: end-to-end ingest against the bare session on pre-made tensors, decoding and
/// index inserts per thread, and the CPU-bound ceiling they imply: inference on every core plus the decode and insert
/// work of each image spread over every core, 1 / (1/bare + (1/decode + 1/insert) / cores).
/// </summary>
internal sealed record IngestBenchReport(
    string Model, string Provider, string Gallery, int Images, int Rounds, int BatchSize, int Workers, int Threads,
    double DecodePreprocessImagesPerSecondPerWorker, double IndexInsertsPerSecondOneThread, double BareSessionImagesPerSecond,
    double CpuBoundCeilingImagesPerSecond, double PipelineImagesPerSecond, double PipelineOverBare, double PipelineOverCeiling, int Failed);

/// <summary>
/// Measures, in one process and alternating round by round after one uncounted warm-up round: (1) decode + preprocess
/// on one thread, (2) the embedder on tensors made in advance (the bare session at the same batch size), (3) the whole
/// ingest into a fresh durable collection.
/// </summary>
internal static class IngestBench
{
    private static readonly TimeSpan MeasureTime = TimeSpan.FromSeconds(1);

    /// <summary>Runs the benchmark over a gallery's usable images.</summary>
    public static async Task<IngestBenchReport> RunAsync(OnnxEmbedder embedder, IReadOnlyList<GalleryItem> items, string gallery, IngestOptions options, int rounds, string workFolder, ProgressLog log)
    {
        int length = embedder.Spec.TensorLength;
        var tensors = new float[items.Count * length];
        var usable = new List<GalleryItem>(items.Count);
        double decodeRate = SteadyRate(() => PrepareAll(items, embedder, tensors, usable));
        log.Line($"decode + preprocess on one thread: {decodeRate:F0} images/s ({usable.Count} of {items.Count} usable)");

        var embeddings = new float[usable.Count * embedder.Dimension];
        double bareSeconds = 0, pipelineSeconds = 0;
        int failed = 0;
        string root = Path.Combine(workFolder, $"arcvdb-ingest-bench-{Guid.NewGuid():N}");
        try
        {
            // Round 0 warms up (JIT of the pipeline and index code, first file reads) and is not counted.
            for (int round = 0; round <= rounds; round++)
            {
                var bare = Stopwatch.StartNew();
                embedder.Embed(tensors, usable.Count, embeddings);
                double bareRound = bare.Elapsed.TotalSeconds;

                var summary = await IngestIntoNewCollectionAsync(new ImageEmbedder(embedder), items, options, Path.Combine(root, $"round{round}"));
                failed = summary.Failed;
                if (round > 0)
                    (bareSeconds, pipelineSeconds) = (bareSeconds + bareRound, pipelineSeconds + summary.Seconds);
                log.Line($"{(round == 0 ? "warm-up" : $"round {round}/{rounds}")}: bare session {usable.Count / bareRound:F0} images/s, pipeline {summary.ImagesPerSecond:F0} images/s");
            }
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
        double bareRate = rounds * usable.Count / bareSeconds, pipelineRate = rounds * usable.Count / pipelineSeconds;
        double insertRate = InsertRate(embeddings, embedder.Dimension);
        double ceiling = 1 / ((1 / bareRate) + (((1 / decodeRate) + (1 / insertRate)) / Environment.ProcessorCount));
        log.Line($"index inserts on one thread: {insertRate:F0} vectors/s; CPU-bound ceiling of the pipeline on {Environment.ProcessorCount} cores: {ceiling:F0} images/s");
        return new IngestBenchReport(embedder.ModelId, embedder.Provider, gallery, items.Count, rounds, embedder.BatchSize, options.WorkerCount,
            embedder.IntraOpThreads, decodeRate, insertRate, bareRate, ceiling, pipelineRate, pipelineRate / bareRate, pipelineRate / ceiling, failed);
    }

    /// <summary>A whole ingest into a fresh durable collection in <paramref name="folder"/> (its error report beside it).</summary>
    internal static async Task<IngestSummary> IngestIntoNewCollectionAsync(ImageEmbedder embedder, IReadOnlyList<GalleryItem> items, IngestOptions options, string folder)
    {
        await using var database = VectorDatabase.Create(folder);
        var collection = await IngestTarget.OpenAsync(database, "bench", embedder);
        using var report = new ErrorReport(folder + ".errors.jsonl");
        return await new IngestPipeline(embedder, new CollectionSink(collection), options, report).RunAsync(items);
    }

    /// <summary>Decodes and preprocesses every item into its slot of <paramref name="tensors"/>; <paramref name="usable"/> receives the usable ones. Returns how many items it read.</summary>
    private static int PrepareAll(IReadOnlyList<GalleryItem> items, OnnxEmbedder embedder, float[] tensors, List<GalleryItem> usable)
    {
        int length = embedder.Spec.TensorLength;
        usable.Clear();
        foreach (var item in items)
        {
            if (ImagePreparation.Prepare(item, embedder.Spec, new DecodeLimits(), tensors.AsSpan(usable.Count * length, length)) is null)
                usable.Add(item);
        }
        return items.Count;
    }

    /// <summary>Inserts of the embeddings into fresh indexes with a collection's default parameters, one thread, in the steady state.</summary>
    private static double InsertRate(float[] embeddings, int dimension)
    {
        int count = embeddings.Length / dimension;
        return SteadyRate(() =>
        {
            using var index = new HnswIndex(dimension, new HnswOptions { M = 16, EfConstruction = 200, Metric = Metric.InnerProduct });
            for (int i = 0; i < count; i++)
                index.Upsert((ulong)i, embeddings.AsSpan(i * dimension, dimension));
            return count;
        });
    }

    /// <summary>
    /// Items per second of a repeated pass on one thread in the steady state: untimed passes for a second first (so the
    /// code runs its optimised JIT tier, as it does in a long ingest), then timed passes for at least a second.
    /// </summary>
    internal static double SteadyRate(Func<int> pass)
    {
        for (var warmUp = Stopwatch.StartNew(); warmUp.Elapsed < MeasureTime;)
            pass();
        long done = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < MeasureTime)
            done += pass();
        return done / clock.Elapsed.TotalSeconds;
    }
}
