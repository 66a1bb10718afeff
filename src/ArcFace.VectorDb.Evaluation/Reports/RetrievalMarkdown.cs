using System.Text;
using ArcFace.VectorDb.Evaluation.Retrieval;
using static System.FormattableString;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>A retrieval evaluation as a Markdown page for people: the sets and any notes, then Recall@K and mAP@K tables with exact and HNSW side by side.</summary>
public static class RetrievalMarkdown
{
    /// <summary>The Markdown text of <paramref name="report"/>.</summary>
    public static string Write(RetrievalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var hnsw = report.Hnsw;
        string hnswName = hnsw is null ? "" : Invariant($"HNSW ef={hnsw.Ef}");
        var text = new StringBuilder();
        text.Append(Invariant($"# Retrieval evaluation: {report.Dataset}\n\n"));
        text.Append(report.Origin.MarkdownLine());
        text.Append(Invariant($"- queries: {report.Queries} ({report.QueriesWithoutRelevant} without any relevant gallery item)\n"));
        text.Append(Invariant($"- gallery: {report.Gallery}\n"));
        text.Append(Invariant($"- AP mode: {report.ApMode}\n"));
        text.Append(Invariant($"- rank-1: {report.Rank1:F2} (exact)"));
        if (hnsw is not null)
            text.Append(Invariant($", {hnsw.Rank1:F2} ({hnswName})"));
        text.Append('\n');
        foreach (string note in report.Notes)
            text.Append("- note: ").Append(note).Append('\n');
        text.Append('\n');

        ScoreTable("Recall@K", report.RecallAt, hnsw?.RecallAt, hnswName).WriteTo(text);
        if (report.MapAt.Count > 0)
        {
            ScoreTable("mAP@K", report.MapAt, hnsw?.MapAt, hnswName).WriteTo(text);
            text.Append(MapBelowRecall.Note).Append('\n');
        }
        return text.ToString();
    }

    private static MarkdownTable ScoreTable(string metric, IReadOnlyDictionary<string, double> exact, IReadOnlyDictionary<string, double>? hnsw, string hnswName)
    {
        var table = hnsw is null
            ? new MarkdownTable("K", $"{metric} (exact)")
            : new MarkdownTable("K", $"{metric} (exact)", $"{metric} ({hnswName})");
        foreach (string k in RankCutoffs.Ordered(hnsw is null ? exact.Keys : exact.Keys.Union(hnsw.Keys)))
        {
            if (hnsw is null)
                table.Add(k, Cell(exact, k));
            else
                table.Add(k, Cell(exact, k), Cell(hnsw, k));
        }
        return table;
    }

    private static string Cell(IReadOnlyDictionary<string, double> scores, string k) =>
        scores.TryGetValue(k, out double value) ? Invariant($"{value:F2}") : "–";
}
