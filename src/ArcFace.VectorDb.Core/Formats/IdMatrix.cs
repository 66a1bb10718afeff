namespace ArcFace.VectorDb.Core.Formats;

/// <summary>A row-major matrix of int32 ids (for example exact top-k ground truth, one row per query).</summary>
public sealed class IdMatrix
{
    /// <summary>Wraps row-major data (not copied) as rows of the given width.</summary>
    public IdMatrix(int[] data, int width)
    {
        Count = RowMajor.RowCount(data, width, nameof(width));
        Data = data;
        Width = width;
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>Number of ids in every row.</summary>
    public int Width { get; }

    /// <summary>All ids, row after row.</summary>
    public int[] Data { get; }

    /// <summary>The ids of row <paramref name="i"/>.</summary>
    public ReadOnlySpan<int> Row(int i) => RowMajor.Row(Data, Count, Width, i);
}
