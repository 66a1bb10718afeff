using System.Globalization;

namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>
/// Recall@K, mAP@K and rank-1 summed query by query, in any order and in blocks, as <see cref="RetrievalMetrics"/>
/// defines them; each query's AP is kept by its index and summed in index order, so the figures do not depend on the
/// order the queries came in.
/// </summary>
public sealed class RetrievalTally
{
    private readonly LabelSets gallery;
    private readonly IReadOnlyList<int> recallTopK;
    private readonly int? mapTopK;
    private readonly int mapDepth;
    private readonly AveragePrecisionMode mode;
    private readonly int[] recallHits;
    private readonly double[] apOf;
    private int rank1Hits, withRelevant;

    /// <summary>A tally of <paramref name="queries"/> queries ranked over <paramref name="gallery"/>; no mAP when <paramref name="mapTopK"/> is null.</summary>
    public RetrievalTally(int queries, LabelSets gallery, IReadOnlyList<int> recallTopK, int? mapTopK, AveragePrecisionMode mode)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(recallTopK);
        this.gallery = gallery;
        this.recallTopK = recallTopK;
        this.mapTopK = mapTopK;
        this.mode = mode;
        mapDepth = mapTopK is { } map ? CheckTopK(map, gallery.Count) : 0;
        Depth = mapDepth;
        foreach (int k in recallTopK)
            Depth = Math.Max(Depth, CheckTopK(k, gallery.Count));
        if (queries <= 0)
            throw new ArgumentException("There are no queries to score.", nameof(queries));
        recallHits = new int[recallTopK.Count];
        apOf = new double[queries];
    }

    /// <summary>The ranks of each query that count: the deepest K asked for.</summary>
    public int Depth { get; }

    /// <summary>
    /// Scores query <paramref name="query"/>, carrying <paramref name="labels"/>, from the first <see cref="Depth"/>
    /// gallery indices of <paramref name="ranked"/> (best first; a negative index is an empty slot), with
    /// <paramref name="relevant"/> relevant gallery items in all.
    /// </summary>
    public void Add(int query, ReadOnlySpan<int> ranked, ReadOnlySpan<int> labels, int relevant)
    {
        var row = ranked[..Depth];
        int first = -1, found = 0;
        double ap = 0;
        for (int rank = 0; rank < row.Length; rank++)
        {
            int g = row[rank];
            if (g < 0)
                continue;
            if (g >= gallery.Count)
                throw new ArgumentException($"Query {query} ranks gallery index {g}, but the gallery holds {gallery.Count} items.", nameof(ranked));
            if (!LabelSets.Intersect(labels, gallery[g]))
                continue;
            if (first < 0)
                first = rank;
            if (rank < mapDepth)
                ap += PrecisionTerm(found++, rank, mode);
        }

        if (relevant > 0)
        {
            withRelevant++;
            apOf[query] = ap / relevant;
            if (first == 0)
                rank1Hits++;
        }
        for (int i = 0; i < recallTopK.Count; i++)
        {
            if (first >= 0 && first < recallTopK[i])
                recallHits[i]++;
        }
    }

    /// <summary>The figures over all the queries (a query never added counts as a miss with AP 0).</summary>
    public RetrievalScores Scores()
    {
        int queries = apOf.Length;
        var recallAt = new Dictionary<string, double>(recallTopK.Count);
        for (int i = 0; i < recallTopK.Count; i++)
            recallAt[Key(recallTopK[i])] = 100.0 * recallHits[i] / queries;
        double apSum = 0;
        foreach (double ap in apOf)
            apSum += ap;
        var mapAt = mapTopK is { } mapK ? new Dictionary<string, double> { [Key(mapK)] = 100.0 * apSum / queries } : [];
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
