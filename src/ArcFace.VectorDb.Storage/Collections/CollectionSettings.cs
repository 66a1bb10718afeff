using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Quantization;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>What a collection is: fixed when it is created, kept in its manifest.</summary>
public sealed record CollectionSettings
{
    /// <summary>The collection's name: letters, digits, '-', '_' and '.', 1 to 64 characters.</summary>
    public required string Name { get; init; }

    /// <summary>Number of components of every vector.</summary>
    public required int Dimension { get; init; }

    /// <summary>How vectors are scored.</summary>
    public CollectionMetric Metric { get; init; } = CollectionMetric.Cosine;

    /// <summary>HNSW links per node (2·M at level 0).</summary>
    public int M { get; init; } = HnswOptions.DefaultM;

    /// <summary>HNSW candidate list size while building.</summary>
    public int EfConstruction { get; init; } = HnswOptions.DefaultEfConstruction;

    /// <summary>
    /// How the index holds the vectors in memory: float32 (none), int8 or 1-bit codes searched first, with the best
    /// candidates re-ranked from the exact vectors in each generation's re-rank file. Fixed at creation.
    /// </summary>
    public VectorQuantization Quantization { get; init; } = VectorQuantization.None;

    /// <summary>The model that produced the vectors, when known (for example an ONNX file name and its SHA-256).</summary>
    public string? Model { get; init; }

    /// <summary>The preprocessing applied before the model, when known (preset and overrides).</summary>
    public string? Preprocessing { get; init; }

    /// <summary>
    /// The face detector whose faces the collection's photos were cut to (file, SHA-256, threshold and input size, as
    /// one line); null when images are embedded whole. Queries by photo detect with the same.
    /// </summary>
    public string? Detector { get; init; }

    /// <summary>The options of the collection's HNSW index.</summary>
    public HnswOptions IndexOptions() => new() { M = M, EfConstruction = EfConstruction, Metric = Metric.IndexMetric(), Quantization = Quantization, Layout = HnswOptions.DefaultLayout(Quantization) };

    /// <summary>The execution provider that embedded the latest ingest (for example CPUExecutionProvider), when known.</summary>
    public string? Provider { get; init; }
}
