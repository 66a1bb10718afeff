using ArcFace.VectorDb.Protos;
using Spectre.Console;

namespace ArcFace.VectorDb.Cli.Commands.Serving;

/// <summary>Search results as a table: rank, id, score, label, source.</summary>
internal static class HitTable
{
    /// <summary>Writes the hits of <paramref name="response"/> to <paramref name="output"/>, under <paramref name="title"/> when given.</summary>
    public static void Write(SearchResponse response, string? title, TextWriter output)
    {
        var table = new Table().AddColumns("rank", "id", "score", "label", "source");
        if (title is not null)
            table.Title(Markup.Escape(title));
        int rank = 0;
        foreach (var hit in response.Hits)
            table.AddRow($"{++rank}", $"{hit.Id}", $"{hit.Score:F4}", Markup.Escape(hit.Label), Markup.Escape(hit.Source));
        TableConsole.For(output).Write(table);
    }
}
