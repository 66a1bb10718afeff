namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>Every K held against the gallery: one asked for beyond it is refused (as mmpretrain does), a default one left out with a note, an HNSW ef below the largest K refused.</summary>
public static class RankCutoffFit
{
    /// <summary>The settings for a gallery of <paramref name="galleryCount"/> rankable items, and a note per default K left out.</summary>
    public static (RetrievalSettings Settings, IReadOnlyList<string> Notes) Apply(RetrievalSettings settings, int galleryCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string besides = settings.LeaveOneOut ? " besides the query" : "";
        if (galleryCount < 1)
            throw new ArgumentException($"There are no gallery items to rank{besides}.");
        var notes = new List<string>();
        var recall = Fit(settings.RecallTopK, settings.RecallTopKIsDefault, "Recall", galleryCount, besides, notes);
        var map = settings.MapTopK is { } k ? Fit([k], settings.MapTopKIsDefault, "mAP", galleryCount, besides, notes) : [];
        var fitted = settings with { RecallTopK = recall, MapTopK = map.Count == 0 ? null : map[0] };
        if (fitted.HnswEf is int ef && ef < fitted.Depth)
            throw new ArgumentException($"HNSW ef = {ef} is below the largest K, {fitted.Depth}: the index returns at most ef results per query, so ef must be at least {fitted.Depth}.");
        return (fitted, notes);
    }

    private static List<int> Fit(IReadOnlyList<int> cutoffs, bool isDefault, string metric, int galleryCount, string besides, List<string> notes)
    {
        var kept = new List<int>(cutoffs.Count);
        foreach (int k in cutoffs)
        {
            if (k <= galleryCount)
                kept.Add(k);
            else if (isDefault)
                notes.Add($"{metric}@{k} is left out: K = {k} is a default, and the gallery holds only {galleryCount} items{besides}.");
            else
                throw new ArgumentException($"Top-{k} asks for more gallery items than the {galleryCount} there are{besides}.");
        }
        return kept;
    }
}
