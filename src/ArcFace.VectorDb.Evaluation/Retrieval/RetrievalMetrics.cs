using System.Globalization;

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
        int mapDepth = mapTopK is { } map ? CheckTopK(map, gallery.Count) : 0;
        int maxK = mapDepth;
        foreach (int k in recallTopK)
            maxK = Math.Max(maxK, CheckTopK(k, gallery.Count));
        if (queries.Count == 0)
            throw new ArgumentException("There are no queries to score.", nameof(queries));
        if (width < maxK)
            throw new ArgumentException($"The ranking holds {width} results per query but K goes up to {maxK}.", nameof(width));
        if (ranked.Length != (long)queries.Count * width)
            throw new ArgumentException($"The ranking holds {ranked.Length} entries; {queries.Count} queries × {width} need {(long)queries.Count * width}.", nameof(ranked));

        var recallHits = new int[recallTopK.Count];
        double apSum = 0;
        int rank1Hits = 0, withRelevant = 0;
        for (int q = 0; q < queries.Count; q++)
        {
            var labels = queries[q];
            var row = ranked.Slice(q * width, maxK);
            int first = -1, found = 0;
            double ap = 0;
            for (int rank = 0; rank < row.Length; rank++)
            {
                int g = row[rank];
                if (g < 0)
                    continue;
                if (g >= gallery.Count)
                    throw new ArgumentException($"Query {q} ranks gallery index {g}, but the gallery holds {gallery.Count} items.", nameof(ranked));
                if (!LabelSets.Intersect(labels, gallery[g]))
                    continue;
                if (first < 0)
                    first = rank;
                if (rank < mapDepth)
                    ap += PrecisionTerm(found++, rank, mode);
            }

            if (relevant[q] > 0)
            {
                withRelevant++;
                apSum += ap / relevant[q];
                if (first == 0)
                    rank1Hits++;
            }
            for (int i = 0; i < recallTopK.Count; i++)
            {
                if (first >= 0 && first < recallTopK[i])
                    recallHits[i]++;
            }
        }

        var recallAt = new Dictionary<string, double>(recallTopK.Count);
        for (int i = 0; i < recallTopK.Count; i++)
            recallAt[Key(recallTopK[i])] = 100.0 * recallHits[i] / queries.Count;
        var mapAt = mapTopK is { } mapK ? new Dictionary<string, double> { [Key(mapK)] = 100.0 * apSum / queries.Count } : [];
        double rank1 = withRelevant == 0 ? 0 : 100.0 * rank1Hits / withRelevant;
        return new RetrievalScores(recallAt, mapAt, rank1);
    }

    /// <summary>The contribution of the found-th relevant item (0-based) met at a 0-based rank, before dividing by all relevant items.</summary>
    private static double PrecisionTerm(int found, int rank, AveragePrecisionMode mode)
    {
        double precision = (found + 1) / (double)(rank + 1);
        if (mode == AveragePrecisionMode.Ir)
            return precision;
        // Integrate: mean of the precision just before this item (1 at rank 0) and just after it, as the Oxford compute_ap does.
        double before = rank > 0 ? found / (double)rank : 1;
        return (before + precision) / 2;
    }

    private static int CheckTopK(int k, int gallerySize)
    {
        if (k <= 0)
            throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
        if (k > gallerySize)
            throw new ArgumentException($"K = {k} is larger than the gallery ({gallerySize} items); mmpretrain refuses it too.", nameof(k));
        return k;
    }

    private static string Key(int k) => k.ToString(CultureInfo.InvariantCulture);
}
