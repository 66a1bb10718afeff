namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>Queries from rows in memory, in row order, in blocks of <paramref name="blockSize"/>; a query's index is its row number.</summary>
public sealed class LabeledRowsQueries(LabeledRows rows, int blockSize = LabeledRowsQueries.DefaultBlockSize) : IRetrievalQueries
{
    /// <summary>Queries per block when none is given.</summary>
    public const int DefaultBlockSize = 256;

    /// <inheritdoc />
    public int Count => rows.Count;

    /// <inheritdoc />
    public int Dimension => rows.Dimension;

    /// <inheritdoc />
    public IEnumerable<RetrievalQueryBlock> Blocks(CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        for (int first = 0; first < rows.Count; first += blockSize)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = Math.Min(blockSize, rows.Count - first);
            var labels = new string[count][];
            for (int i = 0; i < count; i++)
                labels[i] = rows.Labels[first + i];
            yield return new RetrievalQueryBlock(
                [.. Enumerable.Range(first, count)], rows.Rows.AsMemory(first * rows.Dimension, count * rows.Dimension), labels);
        }
    }
}
