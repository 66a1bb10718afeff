namespace ArcFace.VectorDb.Evaluation.Ann;

/// <summary>ANN recall@k: the share of the exact top-k ids that the approximate top-k contains, averaged over queries.</summary>
public static class RecallAtK
{
    /// <summary>Recall of one query: |found ∩ truth| / k, where truth holds the exact top-k ids.</summary>
    public static double OfQuery(ReadOnlySpan<ulong> found, ReadOnlySpan<int> truth)
    {
        const int linearLimit = 32;
        int hits = 0;
        if (truth.Length <= linearLimit)
        {
            foreach (int id in truth)
            {
                if (id >= 0 && found.Contains((ulong)id))
                    hits++;
            }
        }
        else
        {
            var foundSet = new HashSet<ulong>(found.ToArray());
            foreach (int id in truth)
            {
                if (id >= 0 && foundSet.Contains((ulong)id))
                    hits++;
            }
        }
        return hits / (double)truth.Length;
    }
}
