using System.Text;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>A GitHub-flavoured Markdown table of figures: a header row, then right-aligned columns.</summary>
internal sealed class MarkdownTable(params string[] header)
{
    private readonly List<string[]> rows = [];

    /// <summary>Adds a row with one cell per header column.</summary>
    public void Add(params string[] cells)
    {
        if (cells.Length != header.Length)
            throw new ArgumentException($"A row needs {header.Length} cells, got {cells.Length}.", nameof(cells));
        rows.Add(cells);
    }

    /// <summary>Appends the table, followed by a blank line, to <paramref name="text"/>.</summary>
    public void WriteTo(StringBuilder text)
    {
        Row(text, header);
        Row(text, [.. header.Select(_ => "---:")]);
        foreach (var row in rows)
            Row(text, row);
        text.Append('\n');
    }

    private static void Row(StringBuilder text, string[] cells) => text.Append("| ").AppendJoin(" | ", cells).Append(" |\n");
}
