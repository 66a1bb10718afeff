namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Reads a pair list in either format, telling them apart by content: CSV lines hold commas, LFW pairs.txt lines never do.</summary>
public static class PairListFile
{
    /// <summary>
    /// The pairs with full image paths. LFW names resolve under <paramref name="imageRoot"/>, which it requires; CSV paths
    /// resolve against it, or against the CSV's folder when it is null (absolute paths stay as they are).
    /// </summary>
    public static IReadOnlyList<VerificationPair> Read(string path, string? imageRoot)
    {
        if (!IsCsv(path))
        {
            return imageRoot is null
                ? throw new ArgumentException($"{path} is an LFW pair list (no commas), whose names resolve only under an image folder; give one.")
                : LfwPairsFile.Read(path, Path.GetFullPath(imageRoot));
        }
        string root = Path.GetFullPath(imageRoot ?? Path.GetDirectoryName(Path.GetFullPath(path))!);
        return [.. PairsCsvFile.Read(path).Select(pair => pair with { First = Path.GetFullPath(pair.First, root), Second = Path.GetFullPath(pair.Second, root) })];
    }

    private static bool IsCsv(string path) =>
        File.ReadLines(path).FirstOrDefault(line => line.Trim().Length > 0) is { } first && first.Contains(',', StringComparison.Ordinal);
}
