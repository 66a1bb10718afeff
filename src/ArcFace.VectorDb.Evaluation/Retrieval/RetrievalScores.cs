namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>Retrieval figures of one ranking, all percentages: Recall@K and mAP@K keyed by K ("1", "5", …), and rank-1 identification.</summary>
/// <param name="RecallAt">Share of queries with at least one relevant gallery item in the top K, ×100.</param>
/// <param name="MapAt">Mean over queries of AP@K, ×100.</param>
/// <param name="Rank1">Share of the queries that have any relevant gallery item whose top-1 is relevant, ×100.</param>
public sealed record RetrievalScores(IReadOnlyDictionary<string, double> RecallAt, IReadOnlyDictionary<string, double> MapAt, double Rank1);
