using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Collections;

/// <summary>A collection seen by the evaluations: its live records as labelled rows, and its HNSW search as a ranker.</summary>
public static class CollectionRows
{
    /// <summary>Every live record in id order; a record's label is its one label (none when empty).</summary>
    public static LabeledRows Read(VectorCollection collection, CancellationToken cancellation = default)
    {
        int dim = collection.Settings.Dimension;
        // One array for the vectors (grown only if writes land during the scan), not a list copied at the end:
        // a large gallery is read into memory once.
        var rows = new float[Math.Max(collection.Count, 1) * dim];
        var labels = new List<string[]>(collection.Count);
        var ids = new List<ulong>(collection.Count);
        foreach (var record in collection.Scan())
        {
            if (labels.Count % 4096 == 0)
                cancellation.ThrowIfCancellationRequested();
            if ((labels.Count + 1) * dim > rows.Length)
                Array.Resize(ref rows, rows.Length * 2);
            record.Vector.CopyTo(rows.AsSpan(labels.Count * dim, dim));
            labels.Add(record.Label.Length == 0 ? [] : [record.Label]);
            ids.Add(record.Id);
        }
        if (rows.Length != labels.Count * dim)
            Array.Resize(ref rows, labels.Count * dim);
        return new LabeledRows(rows, dim, labels, [.. ids]);
    }

    /// <summary>The collection's HNSW search.</summary>
    public static GalleryRanker Ranker(VectorCollection collection) => (query, count, ef, ids) =>
    {
        var hits = collection.Search(query, count, ef);
        for (int i = 0; i < hits.Count; i++)
            ids[i] = hits[i].Id;
        return hits.Count;
    };
}
