using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>Construction parameters of an HNSW index (Malkov &amp; Yashunin).</summary>
public sealed record HnswOptions
{
    /// <summary>M when none is given.</summary>
    public const int DefaultM = 16;

    /// <summary>efConstruction when none is given.</summary>
    public const int DefaultEfConstruction = 200;

    /// <summary>Largest M accepted.</summary>
    public const int MaxM = 2048;

    /// <summary>Largest efConstruction accepted.</summary>
    public const int MaxEfConstruction = 100_000;

    /// <summary>Links per node on the upper levels; level 0 allows 2·M.</summary>
    public int M { get; init; } = DefaultM;

    /// <summary>Size of the candidate list while inserting.</summary>
    public int EfConstruction { get; init; } = DefaultEfConstruction;

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

    /// <summary>What is out of range, in a sentence, or null when every parameter is in range.</summary>
    public string? Problem() =>
        M is < 2 or > MaxM ? $"M must be between 2 and {MaxM}; got {M}."
        : EfConstruction is < 1 or > MaxEfConstruction ? $"efConstruction must be between 1 and {MaxEfConstruction}; got {EfConstruction}."
        : !Enum.IsDefined(Metric) ? $"Unknown metric {(int)Metric}."
        : !Enum.IsDefined(Layout) ? $"Unknown layout {(int)Layout}."
        : null;

    /// <summary>Throws when a parameter is out of its range.</summary>
    public void Validate()
    {
        if (Problem() is { } problem)
            throw new ArgumentException(problem);
    }
}
