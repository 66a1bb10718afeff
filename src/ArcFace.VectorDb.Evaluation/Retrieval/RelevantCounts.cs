namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>How many gallery items are relevant to each query (share at least one label with it).</summary>
public static class RelevantCounts
{
    /// <summary>Per query, the number of gallery items sharing a label with it; linear in items when either side is single-label.</summary>
    public static int[] Of(LabelSets queries, LabelSets gallery)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(gallery);
        var perLabel = new int[Math.Max(queries.LabelBound, gallery.LabelBound)];
        for (int g = 0; g < gallery.Count; g++)
        {
            foreach (int label in gallery[g])
                perLabel[label]++;
        }

        var counts = new int[queries.Count];
        GalleryUnion? union = null;
        for (int q = 0; q < queries.Count; q++)
        {
            var labels = queries[q];
            if (labels.Length <= 1 || gallery.MaxSetSize <= 1)
            {
                // Each gallery item carries at most one of the query's labels, so per-label counts add up without double counting.
                foreach (int label in labels)
                    counts[q] += perLabel[label];
            }
            else
            {
                union ??= new GalleryUnion(gallery, perLabel);
                counts[q] = union.CountCarryingAny(labels, stamp: q + 1);
            }
        }
        return counts;
    }

    /// <summary>Gallery items listed per label, to count the distinct items that carry any of several labels.</summary>
    private sealed class GalleryUnion
    {
        private readonly int[] _start;
        private readonly int[] _items;
        private readonly int[] _stamps;

        public GalleryUnion(LabelSets gallery, int[] perLabel)
        {
            _start = new int[perLabel.Length + 1];
            for (int label = 0; label < perLabel.Length; label++)
                _start[label + 1] = _start[label] + perLabel[label];
            _items = new int[_start[^1]];
            var fill = _start[..^1];
            for (int g = 0; g < gallery.Count; g++)
            {
                foreach (int label in gallery[g])
                    _items[fill[label]++] = g;
            }
            _stamps = new int[gallery.Count];
        }

        /// <summary>Distinct items carrying any of the labels; stamp must differ from every earlier call's.</summary>
        public int CountCarryingAny(ReadOnlySpan<int> labels, int stamp)
        {
            int count = 0;
            foreach (int label in labels)
            {
                foreach (int g in _items.AsSpan(_start[label], _start[label + 1] - _start[label]))
                {
                    if (_stamps[g] != stamp)
                    {
                        _stamps[g] = stamp;
                        count++;
                    }
                }
            }
            return count;
        }
    }
}
