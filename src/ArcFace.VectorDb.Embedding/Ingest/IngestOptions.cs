using ArcFace.VectorDb.Embedding.Preprocessing;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>How an ingest runs.</summary>
public sealed record IngestOptions
{
    /// <summary>Decode + preprocess workers; 0 means one per core.</summary>
    public int Workers { get; init; }

    /// <summary>Skip items whose id the sink already holds.</summary>
    public bool Resume { get; init; }

    /// <summary>The resolved worker count.</summary>
    public int WorkerCount => Workers > 0 ? Workers : Environment.ProcessorCount;
}
