namespace ArcFace.VectorDb.Evaluation.Ann;

/// <summary>ANN recall@k: the share of the exact top-k ids that the approximate top-k contains, averaged over queries.</summary>
public static class RecallAtK
{
    /// <summary>The id that marks an empty slot, in found ids and in ground truth alike; it never counts as a hit.</summary>
    public const ulong Missing = ulong.MaxValue;

    /// <summary>Recall of one query: |found ∩ truth| / k, where truth holds the exact top-k ids (negative = none).</summary>
    public static double OfQuery(ReadOnlySpan<ulong> found, ReadOnlySpan<int> truth)
    {
        Span<ulong> ids = truth.Length <= 256 ? stackalloc ulong[truth.Length] : new ulong[truth.Length];
        TruthIds(truth, ids);
        return OfQuery(found, ids);
    }

    /// <summary>Recall of one query: |found ∩ truth| / k, where truth holds the exact top-k ids (<see cref="Missing"/> = none).</summary>
    public static double OfQuery(ReadOnlySpan<ulong> found, ReadOnlySpan<ulong> truth)
    {
        const int linearLimit = 32;
        int hits = 0;
        HashSet<ulong>? foundSet = truth.Length > linearLimit ? new HashSet<ulong>(found.ToArray()) : null;
        foreach (ulong id in truth)
        {
            if (id != Missing && (foundSet?.Contains(id) ?? found.Contains(id)))
                hits++;
        }
        return hits / (double)truth.Length;
    }

    /// <summary>Ground truth of row indices as ids: an index is its id, a negative one is <see cref="Missing"/>.</summary>
    public static void TruthIds(ReadOnlySpan<int> truth, Span<ulong> ids)
    {
        for (int i = 0; i < truth.Length; i++)
            ids[i] = truth[i] < 0 ? Missing : (ulong)truth[i];
    }
}
