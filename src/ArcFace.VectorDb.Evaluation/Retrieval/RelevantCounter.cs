namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>
/// Counts the gallery items relevant to a query (sharing at least one label with it), indexed once per gallery so that
/// queries can come in blocks; linear in items when either side is single-label.
/// </summary>
public sealed class RelevantCounter
{
    private readonly LabelSets gallery;
    private readonly int[] perLabel;
    private GalleryUnion? union;
    private int stamp;

    /// <summary>Indexes the labels of <paramref name="gallery"/>.</summary>
    public RelevantCounter(LabelSets gallery)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        this.gallery = gallery;
        perLabel = new int[gallery.LabelBound];
        for (int g = 0; g < gallery.Count; g++)
        {
            foreach (int label in gallery[g])
                perLabel[label]++;
        }
    }

    /// <summary>The gallery items carrying any of <paramref name="labels"/> (ids of the gallery's vocabulary; one it never uses counts none).</summary>
    public int Count(ReadOnlySpan<int> labels)
    {
        if (labels.Length <= 1 || gallery.MaxSetSize <= 1)
        {
            // Each gallery item carries at most one of the query's labels, so per-label counts add up without double counting.
            int count = 0;
            foreach (int label in labels)
                count += label < perLabel.Length ? perLabel[label] : 0;
            return count;
        }
        union ??= new GalleryUnion(gallery, perLabel);
        return union.CountCarryingAny(labels, ++stamp);
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
                if (label >= _start.Length - 1)
                    continue;
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
