using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>What a retrieval evaluation measures and how it searches.</summary>
public sealed record RetrievalSettings
{
    /// <summary>The K of each Recall@K when none is asked for.</summary>
    public static readonly IReadOnlyList<int> DefaultRecallTopK = [1, 5, 10];

    /// <summary>The K of mAP@K when none is asked for.</summary>
    public const int DefaultMapTopK = 10;

    /// <summary>The K of each Recall@K.</summary>
    public IReadOnlyList<int> RecallTopK { get; init; } = DefaultRecallTopK;

    /// <summary>The K of mAP@K; null for no mAP.</summary>
    public int? MapTopK { get; init; } = DefaultMapTopK;

    /// <summary>True when nobody asked for <see cref="RecallTopK"/>: a K beyond the gallery is then left out with a note instead of refused.</summary>
    public bool RecallTopKIsDefault { get; init; }

    /// <summary>True when nobody asked for <see cref="MapTopK"/>: a K beyond the gallery is then left out with a note instead of refused.</summary>
    public bool MapTopKIsDefault { get; init; }

    /// <summary>How AP@K is computed.</summary>
    public AveragePrecisionMode ApMode { get; init; } = AveragePrecisionMode.Ir;

    /// <summary>How vectors are compared by the exact search (the gallery's metric).</summary>
    public Metric Metric { get; init; } = Metric.InnerProduct;

    /// <summary>When set, the HNSW index is also scored at this ef, beside exact search.</summary>
    public int? HnswEf { get; init; }

    /// <summary>Queries are the gallery itself, each leaving itself out (its own row never ranks).</summary>
    public bool LeaveOneOut { get; init; }

    /// <summary>Threads for the exact search; 0 means every core.</summary>
    public int MaxThreads { get; init; }

    /// <summary>The deepest rank any figure needs.</summary>
    public int Depth => Math.Max(MapTopK ?? 1, RecallTopK.Count == 0 ? 1 : RecallTopK.Max());
}
