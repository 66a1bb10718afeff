namespace ArcFace.VectorDb.Core.Formats;

/// <summary>A vector or id file that cannot be read: the message names the file and what is wrong with it.</summary>
public sealed class VectorFileException : IOException
{
    /// <summary>Creates the error for a file and a description of its problem.</summary>
    public VectorFileException(string path, string problem)
        : base($"{path}: {problem}")
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file (or stream name) that could not be read.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with the file, without its name.</summary>
    public string Problem { get; }

    internal static VectorFileException Truncated(string path, long row, long expectedBytes, long foundBytes) =>
        new(path, $"truncated at row {row}: expected {expectedBytes} bytes, found {foundBytes}.");

    internal static VectorFileException Empty(string path) => new(path, "the file is empty.");
}
