using System.Globalization;

namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Reads an LFW pairs.txt: a header, then "name n1 n2" (same) or "name1 n1 name2 n2" (different) per line.</summary>
/// <remarks>
/// The header is "folds pairs_per_fold" (pairs.txt: 10 300, each fold 300 same then 300 different pairs) or one count N
/// (pairsDevTrain.txt: N same then N different pairs); either way the file must list 2 × folds × pairs_per_fold pairs.
/// Image n of a name is ROOT/name/name_%04d.jpg. Blank lines are skipped.
/// </remarks>
public static class LfwPairsFile
{
    /// <summary>The pairs in file order, image paths under imageRoot; a malformed line is an error naming file and line.</summary>
    public static IReadOnlyList<VerificationPair> Read(string path, string imageRoot)
    {
        ArgumentNullException.ThrowIfNull(imageRoot);
        var pairs = new List<VerificationPair>();
        int declared = -1, lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
                continue;
            if (declared < 0)
            {
                declared = fields.Length is 1 or 2
                    ? 2 * Number(fields[0], path, lineNumber) * (fields.Length == 2 ? Number(fields[1], path, lineNumber) : 1)
                    : throw new InvalidDataException($"{path} line {lineNumber}: expected a header 'folds pairs_per_fold' or a pair count, found '{line}'.");
                continue;
            }
            pairs.Add(fields.Length switch
            {
                3 => new VerificationPair(Image(imageRoot, fields[0], fields[1], path, lineNumber), Image(imageRoot, fields[0], fields[2], path, lineNumber), Same: true),
                4 => new VerificationPair(Image(imageRoot, fields[0], fields[1], path, lineNumber), Image(imageRoot, fields[2], fields[3], path, lineNumber), Same: false),
                _ => throw new InvalidDataException($"{path} line {lineNumber}: expected 'name n1 n2' or 'name1 n1 name2 n2', found '{line}'."),
            });
        }
        if (declared < 0)
            throw new InvalidDataException($"{path} is empty; an LFW pair list starts with a header line.");
        if (pairs.Count != declared)
            throw new InvalidDataException($"{path} declares {declared} pairs in its header but lists {pairs.Count}: the file is truncated or edited.");
        return pairs;
    }

    private static string Image(string root, string name, string number, string path, int lineNumber) =>
        Path.Combine(root, name, $"{name}_{Number(number, path, lineNumber):D4}.jpg");

    private static int Number(string field, string path, int lineNumber) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new InvalidDataException($"{path} line {lineNumber}: '{field}' is not a positive whole number.");
}
