namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Reads a pair list as CSV lines "a,b,same" (same is 1, 0, true or false), with an optional header line.</summary>
/// <remarks>Fields are trimmed and not quoted, so paths may not hold commas. The first non-blank line is a header when its third field is not a flag. Blank lines are skipped.</remarks>
public static class PairsCsvFile
{
    /// <summary>The pairs in file order, paths as written; a malformed line is an error naming file and line.</summary>
    public static IReadOnlyList<VerificationPair> Read(string path)
    {
        var pairs = new List<VerificationPair>();
        int lineNumber = 0;
        bool headerAllowed = true;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            string[] fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length != 3)
                throw new InvalidDataException($"{path} line {lineNumber}: {fields.Length} fields; expected a,b,same.");
            bool? same = Flag(fields[2]);
            bool header = same is null && headerAllowed;
            headerAllowed = false;
            if (header)
                continue;
            if (same is null)
                throw new InvalidDataException($"{path} line {lineNumber}: '{fields[2]}' is not a same flag (1, 0, true or false).");
            if (fields[0].Length == 0 || fields[1].Length == 0)
                throw new InvalidDataException($"{path} line {lineNumber}: an empty image path.");
            pairs.Add(new VerificationPair(fields[0], fields[1], same.Value));
        }
        return pairs;
    }

    private static bool? Flag(string field) => field.ToUpperInvariant() switch
    {
        "1" or "TRUE" => true,
        "0" or "FALSE" => false,
        _ => null,
    };
}
