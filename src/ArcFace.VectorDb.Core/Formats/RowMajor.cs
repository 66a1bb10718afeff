namespace ArcFace.VectorDb.Core.Formats;

/// <summary>Shape checks and row slicing shared by the row-major matrices.</summary>
internal static class RowMajor
{
    /// <summary>Returns how many rows of <paramref name="width"/> the data holds, or throws if it is not a whole number of them.</summary>
    public static int RowCount<T>(T[] data, int width, string widthName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1, widthName);
        if (data.Length % width != 0)
            throw new ArgumentException($"{data.Length} values is not a whole number of rows of {width}.", nameof(data));
        return data.Length / width;
    }

    /// <summary>Returns row <paramref name="i"/> of <paramref name="count"/> rows of <paramref name="width"/>.</summary>
    public static ReadOnlySpan<T> Row<T>(T[] data, int count, int width, int i)
    {
        if ((uint)i >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(i), i, $"Row index must be in [0, {count}).");
        return data.AsSpan(i * width, width);
    }
}
