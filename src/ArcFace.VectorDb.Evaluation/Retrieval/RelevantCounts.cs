namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>How many gallery items are relevant to each query (share at least one label with it).</summary>
public static class RelevantCounts
{
    /// <summary>Per query, the number of gallery items sharing a label with it (see <see cref="RelevantCounter"/>).</summary>
    public static int[] Of(LabelSets queries, LabelSets gallery)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var counter = new RelevantCounter(gallery);
        var counts = new int[queries.Count];
        for (int q = 0; q < queries.Count; q++)
            counts[q] = counter.Count(queries[q]);
        return counts;
    }
}
