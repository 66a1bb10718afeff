namespace ArcFace.VectorDb.Core.Formats;

/// <summary>Sanity checks on the shape a vector file declares, before anything is allocated for it.</summary>
internal static class FileShape
{
    /// <summary>The largest row width accepted; anything wider is taken to be a corrupt or misread header.</summary>
    public const int MaxWidth = 1 << 20;

    /// <summary>Throws unless <paramref name="width"/> (read from <paramref name="where"/>) is a plausible row width.</summary>
    public static void CheckWidth(string path, long width, string where)
    {
        if (width <= 0)
            throw new VectorFileException(path, $"dimension {width} in {where} is not positive.");
        if (width > MaxWidth)
            throw new VectorFileException(path, $"dimension {width} in {where} is absurd (the limit is {MaxWidth}); is this really a file of that format?");
    }

    /// <summary>Throws unless <paramref name="rows"/> rows of <paramref name="width"/> fit in one array.</summary>
    public static void CheckTotal(string path, long rows, int width)
    {
        if (rows * width > Array.MaxLength)
            throw new VectorFileException(path, $"{rows} rows of {width} values are more than one array can hold ({Array.MaxLength}); read fewer with a limit.");
    }
}
