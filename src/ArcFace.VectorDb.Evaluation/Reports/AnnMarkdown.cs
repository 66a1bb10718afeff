using System.Globalization;
using System.Text;
using ArcFace.VectorDb.Evaluation.Ann;
using static System.FormattableString;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>An ANN benchmark as a Markdown page for people: how the index was built, then one table row per ef.</summary>
public static class AnnMarkdown
{
    /// <summary>The Markdown text of <paramref name="report"/>.</summary>
    public static string Write(AnnReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(Invariant($"# ANN benchmark: {report.Dataset}\n\n"));
        text.Append(report.Origin.MarkdownLine());
        text.Append(Invariant($"- vectors: n = {report.N}, dim = {report.Dim}, metric {report.Metric}, layout {report.Layout}\n"));
        text.Append(Invariant($"- HNSW: M = {report.M}, efConstruction = {report.EfConstruction}, {(report.LinkStrandedNodes ? "stranded nodes linked" : "hnswlib's graph (stranded nodes not linked)")}\n"));
        text.Append(report.BuildSeconds is { } seconds
            ? Invariant($"- build: {seconds:F2} s on {report.Threads} thread(s)\n")
            : $"- build: none here; index loaded from `{report.LoadedFrom}`\n");
        text.Append(Invariant($"- index: {report.IndexBytes} bytes ({report.IndexBytes / 1048576.0:F1} MiB), {report.MemoryRatio:F3}× raw vectors + 2M links\n"));
        if (report.Graph is { } graph)
            text.Append(Invariant($"- graph: nodes per level {string.Join(" / ", graph.NodesPerLevel)}; mean links per level {string.Join(" / ", graph.MeanDegreePerLevel.Select(d => d.ToString("F2", CultureInfo.InvariantCulture)))}; level 0: {graph.Level0WithoutInLinks} nodes without in-links, {graph.Level0Unreachable} unreachable from the entry\n"));
        text.Append(Invariant($"- queries: {report.Queries}, one at a time on one thread; recall@{report.K} against ground truth from {report.GroundTruth}\n\n"));

        var table = new MarkdownTable("ef", Invariant($"recall@{report.K}"), "QPS", "p50 µs", "p99 µs");
        foreach (var run in report.Runs)
            table.Add(Invariant($"{run.Ef}"), Invariant($"{run.Recall:F4}"), Invariant($"{run.Qps:F0}"), Invariant($"{run.P50Us:F1}"), Invariant($"{run.P99Us:F1}"));
        table.WriteTo(text);
        return text.ToString();
    }
}
