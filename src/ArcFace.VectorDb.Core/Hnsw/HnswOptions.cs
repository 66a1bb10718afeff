using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Quantization;

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

    /// <summary>Memory layout of codes and level-0 links (see <see cref="DefaultLayout"/>).</summary>
    public HnswLayout Layout { get; init; } = HnswLayout.Interleaved;

    /// <summary>
    /// Also links a new node, at level 0, with the candidates it is closer to than any node they were ever linked to:
    /// nodes whose own insertion search missed their neighbourhood, which the heuristic alone may leave unreachable.
    /// False builds the graph of hnswlib (the same levels and heuristic).
    /// </summary>
    public bool LinkStrandedNodes { get; init; } = true;

    /// <summary>
    /// How nodes hold their vectors: float32, or int8 / 1-bit codes that the graph is built and searched on, with the
    /// exact vectors in a file beside it for re-ranking.
    /// </summary>
    public VectorQuantization Quantization { get; init; } = VectorQuantization.None;

    /// <summary>
    /// The layout that suits a quantisation: interleaved (code and links in one cache-aligned block) for float32 and
    /// int8; separate for 1-bit codes, where a 512-d code is one cache line and padding code + links to whole lines
    /// would cost a fifth of the memory (measured on 100k × 512: 33.3 MiB interleaved, 27.7 MiB separate; recall 0.966 vs 0.956 at ef 128).
    /// </summary>
    public static HnswLayout DefaultLayout(VectorQuantization quantization) =>
        quantization == VectorQuantization.Binary ? HnswLayout.Separate : HnswLayout.Interleaved;

    /// <summary>What is out of range, in a sentence, or null when every parameter is in range.</summary>
    public string? Problem() =>
        M is < 2 or > MaxM ? $"M must be between 2 and {MaxM}; got {M}."
        : EfConstruction is < 1 or > MaxEfConstruction ? $"efConstruction must be between 1 and {MaxEfConstruction}; got {EfConstruction}."
        : !Enum.IsDefined(Metric) ? $"Unknown metric {(int)Metric}."
        : !Enum.IsDefined(Layout) ? $"Unknown layout {(int)Layout}."
        : !Enum.IsDefined(Quantization) ? $"Unknown quantisation {(int)Quantization}."
        : null;

    /// <summary>Throws when a parameter is out of its range.</summary>
    public void Validate()
    {
        if (Problem() is { } problem)
            throw new ArgumentException(problem);
    }
}
