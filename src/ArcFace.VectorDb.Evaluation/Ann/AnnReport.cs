using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Evaluation.Reports;

namespace ArcFace.VectorDb.Evaluation.Ann;

/// <summary>The result of an ANN benchmark: how the index was built and one <see cref="AnnRun"/> per ef.</summary>
public sealed record AnnReport
{
    /// <summary>
    /// A report whose build parameters, memory and graph shape are read from the index itself (so a snapshot built
    /// with other parameters is described as it is), over <paramref name="vectors"/> indexed vectors.
    /// </summary>
    public static AnnReport Describe(
        IHnswView index, int vectors, string dataset, int queries, int k, int threads, double? buildSeconds, string? loadedFrom, string groundTruth, IReadOnlyList<AnnRun> runs, float? oversampling = null) => new()
    {
        Dataset = dataset,
        N = vectors,
        Dim = index.Dimension,
        Queries = queries,
        K = k,
        M = index.Options.M,
        EfConstruction = index.Options.EfConstruction,
        Metric = MetricNames.Of(index.Options.Metric),
        Layout = index.Options.Layout.ToString(),
        LinkStrandedNodes = index.Options.LinkStrandedNodes,
        Threads = threads,
        BuildSeconds = buildSeconds,
        LoadedFrom = loadedFrom,
        IndexBytes = index.MemoryBytes,
        Quantization = index.Options.Quantization.Name(),
        Oversampling = index.Options.Quantization == VectorQuantization.None ? null : oversampling ?? HnswIndex.DefaultOversampling(index.Options.Quantization),
        RerankBytes = index.ExactVectorBytes,
        MemoryRatio = IndexMemory.Ratio(index.MemoryBytes, vectors, index.Dimension, index.Options.M),
        GroundTruth = groundTruth,
        Graph = index.Statistics(),
        Runs = runs,
    };

    /// <summary>Name of the data set.</summary>
    public required string Dataset { get; init; }

    /// <summary>Vectors indexed.</summary>
    public required int N { get; init; }

    /// <summary>Floats per vector.</summary>
    public required int Dim { get; init; }

    /// <summary>Queries run per ef.</summary>
    public required int Queries { get; init; }

    /// <summary>Neighbours asked for and scored.</summary>
    public required int K { get; init; }

    /// <summary>HNSW M.</summary>
    public required int M { get; init; }

    /// <summary>HNSW efConstruction.</summary>
    public required int EfConstruction { get; init; }

    /// <summary>Metric name, as <see cref="MetricNames"/> gives it.</summary>
    public required string Metric { get; init; }

    /// <summary>Memory layout of the index.</summary>
    public required string Layout { get; init; }

    /// <summary>Whether the build also linked stranded nodes (false: hnswlib's graph).</summary>
    public required bool LinkStrandedNodes { get; init; }

    /// <summary>Threads used to build the index (queries always run on one).</summary>
    public required int Threads { get; init; }

    /// <summary>Wall-clock seconds of the build; null when the index was loaded from a snapshot instead.</summary>
    public required double? BuildSeconds { get; init; }

    /// <summary>The snapshot the index was loaded from, or null when it was built.</summary>
    public string? LoadedFrom { get; init; }

    /// <summary>Bytes held in memory by the graph, node metadata, id map and the codes (float vectors without quantisation).</summary>
    public required long IndexBytes { get; init; }

    /// <summary>How the index held vectors: none, int8 or binary.</summary>
    public string Quantization { get; init; } = "none";

    /// <summary>Candidates re-ranked exactly per result; null without quantisation.</summary>
    public float? Oversampling { get; init; }

    /// <summary>Bytes of the re-rank file of exact vectors outside the index's memory; 0 without quantisation.</summary>
    public long RerankBytes { get; init; }

    /// <summary>index_bytes / (n·dim·4 + n·2M·4): overhead over raw vectors plus a full level-0 graph.</summary>
    public required double MemoryRatio { get; init; }

    /// <summary>Whether the ground truth came from a file or was computed by exact search.</summary>
    public required string GroundTruth { get; init; }

    /// <summary>The graph's shape (nodes and mean degree per level, level-0 degree spread), to compare with other builds.</summary>
    public HnswStatistics? Graph { get; init; }

    /// <summary>One entry per ef, in the order run.</summary>
    public required IReadOnlyList<AnnRun> Runs { get; init; }

    /// <summary>When, where and by which version the report was made.</summary>
    public ReportOrigin Origin { get; init; } = ReportOrigin.Now();
}
