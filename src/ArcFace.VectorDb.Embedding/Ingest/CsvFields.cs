using System.Text;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>Splits one CSV line into fields (RFC 4180 quoting: "a,b" and "" inside quotes).</summary>
internal static class CsvFields
{
    /// <summary>The fields of <paramref name="line"/>, trimmed when unquoted.</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, wasQuoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"')
            {
                quoted = wasQuoted = true;
            }
            else if (c == ',')
            {
                fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                field.Clear();
                wasQuoted = false;
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
        return fields;
    }
}
