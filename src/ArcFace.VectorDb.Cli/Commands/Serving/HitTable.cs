using ArcFace.VectorDb.Protos;
using Spectre.Console;

namespace ArcFace.VectorDb.Cli.Commands.Serving;

/// <summary>Search results as a table: rank, id, score, label, source.</summary>
internal static class HitTable
{
    /// <summary>Writes the hits of <paramref name="response"/> to <paramref name="output"/>: one table per face when the photo's faces were searched, else one, under <paramref name="title"/> when given.</summary>
    public static void Write(SearchResponse response, string? title, TextWriter output)
    {
        if (response.Faces.Count == 0)
        {
            Write(response.Hits, title, output);
            return;
        }
        foreach (var face in response.Faces)
        {
            var box = face.Box;
            Write(face.Hits, FormattableString.Invariant($"{title}{(title is null ? "" : ": ")}face {face.Index} at [{box.Left:F0},{box.Top:F0},{box.Right:F0},{box.Bottom:F0}], detection score {face.Score:F3}"), output);
        }
    }

    private static void Write(IEnumerable<Hit> hits, string? title, TextWriter output)
    {
        var table = new Table().AddColumns("rank", "id", "score", "label", "source");
        if (title is not null)
            table.Title(Markup.Escape(title));
        int rank = 0;
        foreach (var hit in hits)
            table.AddRow($"{++rank}", $"{hit.Id}", $"{hit.Score:F4}", Markup.Escape(hit.Label), Markup.Escape(hit.Source));
        TableConsole.For(output).Write(table);
    }
}
