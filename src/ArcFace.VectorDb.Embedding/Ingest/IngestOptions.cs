using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>How an ingest runs.</summary>
public sealed record IngestOptions
{
    /// <summary>Decode + preprocess workers; 0 means one per core.</summary>
    public int Workers { get; init; }

    /// <summary>Skip items whose id the collection already holds.</summary>
    public bool Resume { get; init; }

    /// <summary>Whether each batch is committed before the next one is written.</summary>
    public Durability Durability { get; init; } = Durability.Durable;

    /// <summary>Size limits of decoded images.</summary>
    public DecodeLimits Limits { get; init; } = new();

    /// <summary>The resolved worker count.</summary>
    public int WorkerCount => Workers > 0 ? Workers : Environment.ProcessorCount;
}
