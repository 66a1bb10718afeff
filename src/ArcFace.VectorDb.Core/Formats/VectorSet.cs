namespace ArcFace.VectorDb.Core.Formats;

/// <summary>A row-major matrix of float32 vectors of one dimension, as read from or written to a vector file.</summary>
public sealed class VectorSet
{
    /// <summary>Wraps row-major data (not copied) as vectors of the given dimension.</summary>
    public VectorSet(float[] data, int dimension)
    {
        Count = RowMajor.RowCount(data, dimension, nameof(dimension));
        Data = data;
        Dimension = dimension;
    }

    /// <summary>Number of vectors.</summary>
    public int Count { get; }

    /// <summary>Number of components in every vector.</summary>
    public int Dimension { get; }

    /// <summary>All components, row after row.</summary>
    public float[] Data { get; }

    /// <summary>The components of vector <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Row(int i) => RowMajor.Row(Data, Count, Dimension, i);
}
