namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>Recall@K, mAP@K and rank-1 of a given ranking, as mmpretrain's RetrievalRecall and RetrievalAveragePrecision define them.</summary>
/// <remarks>
/// A gallery item is relevant to a query when they share a label. The ranking is taken as given: ties in score were
/// broken by whoever ranked, and this class never reorders. A query with no relevant gallery item counts as a miss in
/// Recall@K and as AP 0 in mAP@K (it stays in both denominators); mmpretrain counts it a miss in recall too, but its AP
/// divides by the number of relevant items and raises ZeroDivisionError. Rank-1 leaves such queries out entirely.
/// </remarks>
public static class RetrievalMetrics
{
    /// <summary>Scores of a ranking holding, per query, <paramref name="width"/> gallery indices best first (a negative index is an empty slot); no mAP when <paramref name="mapTopK"/> is null.</summary>
    public static RetrievalScores Compute(
        ReadOnlySpan<int> ranked, int width, LabelSets queries, LabelSets gallery,
        IReadOnlyList<int> recallTopK, int? mapTopK, AveragePrecisionMode mode)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(gallery);
        return Compute(ranked, width, queries, gallery, recallTopK, mapTopK, mode, RelevantCounts.Of(queries, gallery));
    }

    /// <summary>
    /// As the other overload, with the number of relevant gallery items of each query given: leave-one-out passes the
    /// counts less the query itself, which sits in the gallery but never ranks.
    /// </summary>
    public static RetrievalScores Compute(
        ReadOnlySpan<int> ranked, int width, LabelSets queries, LabelSets gallery,
        IReadOnlyList<int> recallTopK, int? mapTopK, AveragePrecisionMode mode, int[] relevant)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(relevant);
        if (relevant.Length != queries.Count)
            throw new ArgumentException($"{relevant.Length} relevant counts for {queries.Count} queries.", nameof(relevant));
        ArgumentNullException.ThrowIfNull(recallTopK);
        var tally = new RetrievalTally(queries.Count, gallery, recallTopK, mapTopK, mode);
        if (width < tally.Depth)
            throw new ArgumentException($"The ranking holds {width} results per query but K goes up to {tally.Depth}.", nameof(width));
        if (ranked.Length != (long)queries.Count * width)
            throw new ArgumentException($"The ranking holds {ranked.Length} entries; {queries.Count} queries × {width} need {(long)queries.Count * width}.", nameof(ranked));
        for (int q = 0; q < queries.Count; q++)
            tally.Add(q, ranked.Slice(q * width, width), queries[q], relevant[q]);
        return tally.Scores();
    }
}
