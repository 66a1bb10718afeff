using System.Globalization;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Protos;
using Spectre.Console;

namespace ArcFace.VectorDb.Cli.Commands.Demo;

/// <summary>The demo's evaluation results as tables, read from the typed fields of the finished jobs.</summary>
internal static class DemoResults
{
    /// <summary>Recall@K and mAP@10 by exact search and HNSW, and Recall@1 next to the figure recorded when the bundled model was trained.</summary>
    public static void WriteRetrieval(Job job, TextWriter output)
    {
        var result = job.Retrieval;
        var table = new Table().Title(Markup.Escape($"retrieval: {result.Queries} queries, each against the other {result.Gallery} images (leave-one-out)"))
            .AddColumns("metric", "exact search", $"HNSW ef={result.HnswEf}");
        foreach (var (key, value) in result.RecallAt.OrderBy(p => int.Parse(p.Key, CultureInfo.InvariantCulture)))
            table.AddRow($"Recall@{key}", Percent(value), Percent(result.HnswRecallAt[key]));
        foreach (var (key, value) in result.MapAt)
            table.AddRow($"mAP@{key}", Percent(value), Percent(result.HnswMapAt[key]));
        TableConsole.For(output).Write(table);
        output.WriteLine($"({MapBelowRecall.Note})");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Recall@1 by exact search: {result.RecallAt["1"]:F2} (recorded when the bundled model was trained: {BundledAssets.RecordedSampleRecallAt1():F2})"));
    }

    /// <summary>recall@k, QPS and latency per ef.</summary>
    public static void WriteAnn(Job job, TextWriter output)
    {
        var result = job.Ann;
        var table = new Table().Title(Markup.Escape($"ANN: {result.N} × {result.Dim}, M={result.M}, efConstruction={result.EfConstruction}, {result.Queries} queries, one thread"))
            .AddColumns("ef", $"recall@{result.K}", "QPS", "p50 µs", "p99 µs");
        foreach (var run in result.Runs)
            table.AddRow($"{run.Ef}", $"{run.Recall:F4}", $"{run.Qps:F0}", $"{run.P50Us:F1}", $"{run.P99Us:F1}");
        TableConsole.For(output).Write(table);
    }

    private static string Percent(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
