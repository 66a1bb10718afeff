using ArcFace.VectorDb.Evaluation.Reports;

namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>The result of a retrieval evaluation: exact-search figures at the top level, HNSW figures beside them when asked for.</summary>
public sealed record RetrievalReport
{
    /// <summary>What was evaluated (a collection, a vector file, In-shop…).</summary>
    public required string Dataset { get; init; }

    /// <summary>Number of queries.</summary>
    public required int Queries { get; init; }

    /// <summary>Number of gallery items.</summary>
    public required int Gallery { get; init; }

    /// <summary>Queries with no relevant gallery item (they count as misses in Recall@K and zero in AP@K, as mmpretrain counts them).</summary>
    public required int QueriesWithoutRelevant { get; init; }

    /// <summary>"ir" or "integrate".</summary>
    public required string ApMode { get; init; }

    /// <summary>Recall@K by exact search, percentages keyed by K.</summary>
    public required IReadOnlyDictionary<string, double> RecallAt { get; init; }

    /// <summary>mAP@K by exact search, percentages keyed by K.</summary>
    public required IReadOnlyDictionary<string, double> MapAt { get; init; }

    /// <summary>Rank-1 identification rate by exact search.</summary>
    public required double Rank1 { get; init; }

    /// <summary>The same figures from the HNSW index, or null when only exact search ran.</summary>
    public HnswRetrievalScores? Hnsw { get; init; }

    /// <summary>What the reader should know about the figures, such as a default K left out because the gallery is smaller.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>When, where and by which version the report was made.</summary>
    public ReportOrigin Origin { get; init; } = ReportOrigin.Now();
}

/// <summary>Retrieval figures from the HNSW index at one ef.</summary>
public sealed record HnswRetrievalScores(int Ef, IReadOnlyDictionary<string, double> RecallAt, IReadOnlyDictionary<string, double> MapAt, double Rank1);
