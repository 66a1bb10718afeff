using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>Construction parameters of an HNSW index (Malkov &amp; Yashunin).</summary>
public sealed record HnswOptions
{
    /// <summary>Links per node on the upper levels; level 0 allows 2·M.</summary>
    public int M { get; init; } = 16;

    /// <summary>Size of the candidate list while inserting.</summary>
    public int EfConstruction { get; init; } = 200;

    /// <summary>The comparison used for scores.</summary>
    public Metric Metric { get; init; } = Metric.InnerProduct;

    /// <summary>Seed of the level generator: the same seed and insertion order give the same graph.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Memory layout of vectors and level-0 links.</summary>
    public HnswLayout Layout { get; init; } = HnswLayout.Interleaved;

    /// <summary>
    /// Also links a new node, at level 0, with the candidates it is closer to than any node they were ever linked to:
    /// nodes whose own insertion search missed their neighbourhood, which the heuristic alone may leave unreachable.
    /// False builds the graph of hnswlib (the same levels and heuristic).
    /// </summary>
    public bool LinkStrandedNodes { get; init; } = true;

    /// <summary>Throws when a parameter is out of its range.</summary>
    public void Validate()
    {
        if (M is < 2 or > 2048)
            throw new ArgumentOutOfRangeException(nameof(M), M, "M must be between 2 and 2048.");
        if (EfConstruction is < 1 or > 100_000)
            throw new ArgumentOutOfRangeException(nameof(EfConstruction), EfConstruction, "efConstruction must be between 1 and 100000.");
        if (!Enum.IsDefined(Metric))
            throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "Unknown metric.");
        if (!Enum.IsDefined(Layout))
            throw new ArgumentOutOfRangeException(nameof(Layout), Layout, "Unknown layout.");
    }
}
