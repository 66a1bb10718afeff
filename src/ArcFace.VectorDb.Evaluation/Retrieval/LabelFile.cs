namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>Reads a label file: one line per vector, that vector's labels separated by commas.</summary>
public static class LabelFile
{
    /// <summary>The labels of each line, trimmed; an empty line or an empty label is an error naming file and line.</summary>
    public static IReadOnlyList<string[]> Read(string path)
    {
        var lines = new List<string[]>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                throw new InvalidDataException($"{path} line {lineNumber}: no labels; every vector needs at least one.");
            string[] labels = line.Split(',', StringSplitOptions.TrimEntries);
            if (Array.IndexOf(labels, "") >= 0)
                throw new InvalidDataException($"{path} line {lineNumber}: an empty label in '{line}'.");
            lines.Add(labels);
        }
        return lines;
    }
}
