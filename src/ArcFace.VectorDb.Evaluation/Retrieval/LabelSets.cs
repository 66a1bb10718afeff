namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>For each item (query or gallery vector), a small sorted set of int label ids, stored flat.</summary>
public sealed class LabelSets
{
    private readonly int[] _offsets;
    private readonly int[] _labels;

    private LabelSets(int[] offsets, int[] labels)
    {
        _offsets = offsets;
        _labels = labels;
        int largest = -1;
        for (int i = 0; i < offsets.Length - 1; i++)
        {
            int size = offsets[i + 1] - offsets[i];
            MaxSetSize = Math.Max(MaxSetSize, size);
            if (size > 0)
                largest = Math.Max(largest, labels[offsets[i + 1] - 1]);
        }
        LabelBound = largest + 1;
    }

    /// <summary>Number of items.</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>One more than the largest label id any item carries (0 when none carries one).</summary>
    public int LabelBound { get; }

    /// <summary>The most labels any one item carries.</summary>
    public int MaxSetSize { get; }

    /// <summary>The labels of one item, ascending and distinct.</summary>
    public ReadOnlySpan<int> this[int item] => _labels.AsSpan(_offsets[item], _offsets[item + 1] - _offsets[item]);

    /// <summary>Label sets from string labels per item (duplicates within an item collapse), ids from a shared vocabulary.</summary>
    public static LabelSets FromStrings(IReadOnlyList<string[]> labels, LabelVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var offsets = new int[labels.Count + 1];
        var ids = new List<int>(labels.Count);
        for (int i = 0; i < labels.Count; i++)
        {
            int start = ids.Count;
            foreach (string label in labels[i])
                ids.Add(vocabulary.GetOrAdd(label));
            int size = SortDistinct(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids)[start..]);
            ids.RemoveRange(start + size, ids.Count - start - size);
            offsets[i + 1] = ids.Count;
        }
        return new LabelSets(offsets, [.. ids]);
    }

    /// <summary>Label sets of items that carry exactly one label id each (class indices, identities).</summary>
    public static LabelSets FromSingle(ReadOnlySpan<int> labels)
    {
        var offsets = new int[labels.Length + 1];
        for (int i = 0; i < labels.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(labels[i], nameof(labels));
            offsets[i + 1] = i + 1;
        }
        return new LabelSets(offsets, labels.ToArray());
    }

    /// <summary>Whether two items share at least one label.</summary>
    public static bool Intersect(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
                return true;
            if (a[i] < b[j])
                i++;
            else
                j++;
        }
        return false;
    }

    private static int SortDistinct(Span<int> ids)
    {
        ids.Sort();
        int size = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            if (size == 0 || ids[size - 1] != ids[i])
                ids[size++] = ids[i];
        }
        return size;
    }
}
