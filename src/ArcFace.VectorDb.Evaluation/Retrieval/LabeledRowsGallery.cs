using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Flat;

namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>A gallery of rows in memory, ranked by a flat index over them; the gallery index is the row number.</summary>
public sealed class LabeledRowsGallery : IRetrievalGallery
{
    private readonly LabeledRows rows;
    private readonly FlatIndex index;
    private Dictionary<ulong, int>? rowOf;

    /// <summary>The gallery <paramref name="rows"/>, compared by <paramref name="metric"/>.</summary>
    public LabeledRowsGallery(LabeledRows rows, Metric metric)
    {
        this.rows = rows;
        var positions = new ulong[rows.Count];
        for (int i = 0; i < positions.Length; i++)
            positions[i] = (ulong)i;
        index = FlatIndex.Over(rows.Rows, positions, rows.Dimension, metric);
    }

    /// <inheritdoc />
    public int Count => rows.Count;

    /// <inheritdoc />
    public int Dimension => rows.Dimension;

    /// <inheritdoc />
    public IReadOnlyList<string[]> Labels => rows.Labels;

    /// <inheritdoc />
    /// <remarks>Where ids repeat, the last row holding the id.</remarks>
    public int IndexOf(ulong id)
    {
        if (rowOf is null)
        {
            var map = new Dictionary<ulong, int>(rows.Count);
            for (int i = 0; i < rows.Count; i++)
                map[rows.Ids[i]] = i;
            rowOf = map;
        }
        return rowOf.TryGetValue(id, out int row) ? row : -1;
    }

    /// <inheritdoc />
    public void RankExact(ReadOnlySpan<float> queries, int width, int threads, Span<int> ranked)
    {
        var hits = index.SearchBatch(queries, width, threads);
        for (int q = 0; q < hits.Length; q++)
        {
            var row = ranked.Slice(q * width, width);
            int filled = 0;
            foreach (var hit in hits[q])
                row[filled++] = (int)hit.Id;
            row[filled..].Fill(-1);
        }
    }
}
