using System.Diagnostics;
using System.Text.Json;
using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Reports;
using Spectre.Console;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>The ANN benchmark: read the sets, build the index, sweep ef, report.</summary>
internal static class AnnBench
{
    /// <summary>Runs the benchmark, prints its table to <paramref name="output"/> and, when asked, writes the JSON report with its Markdown and PNG copies beside it.</summary>
    public static AnnReport Run(AnnBenchSettings settings, ProgressLog log, TextWriter output)
    {
        var vectors = VectorFiles.ReadVectors(RequireFile(settings.BaseFile, "--base"));
        var queries = VectorFiles.ReadVectors(RequireFile(settings.QueryFile, "--query"), settings.QueryLimit ?? int.MaxValue);
        if (queries.Dimension != vectors.Dimension)
            throw new InvalidDataException($"Queries are {queries.Dimension}-d but the base vectors are {vectors.Dimension}-d.");
        var (truth, truthSource) = ReadOrComputeTruth(settings, vectors, queries, log);
        log.Line($"{settings.DatasetName}: {vectors.Count} × {vectors.Dimension} base, {queries.Count} queries, ground truth {truthSource}");

        var (index, buildSeconds) = settings.SnapshotFile is { Exists: true } snapshot
            ? (AnnBenchSnapshot.Load(snapshot, settings, vectors, log), (double?)null)
            : Build(settings, vectors, log);
        using var owned = index;

        var runs = new List<AnnRun>();
        var found = new ulong[queries.Count * settings.K];
        foreach (int ef in settings.Efs)
            runs.Add(AnnSweep.Run(index, queries.Data, queries.Count, truth.Data, truth.Width, settings.K, ef, found, settings.Oversampling));
        if (settings.IdsFile is not null)
            WriteIds(settings.IdsFile, found, settings.K, log);

        var report = AnnReport.Describe(
            index, vectors.Count, settings.DatasetName, queries.Count, settings.K, settings.Threads, buildSeconds,
            loadedFrom: buildSeconds is null ? settings.SnapshotFile!.FullName : null, truthSource, runs, settings.Oversampling);
        Print(report, output);
        if (settings.JsonFile is not null)
        {
            var files = ReportFiles.Write(settings.JsonFile.FullName, report);
            log.Line($"wrote {files.Json}, {files.Markdown} and {files.Png}");
        }
        return report;
    }

    private static (HnswIndex Index, double? BuildSeconds) Build(AnnBenchSettings settings, VectorSet vectors, ProgressLog log)
    {
        if (settings.ExactVectors is { } exact && File.Exists(exact.Path))
            File.Delete(exact.Path);
        var index = new HnswIndex(vectors.Dimension, settings.Options, settings.ExactVectors);
        var clock = Stopwatch.StartNew();
        ConsoleProgress.Run($"build M={settings.Options.M} efC={settings.Options.EfConstruction} threads={settings.Threads}", vectors.Count, log,
            progress => index.UpsertRange(vectors.Data, firstId: 0, settings.Threads, progress));
        double seconds = clock.Elapsed.TotalSeconds;
        if (settings.SnapshotFile is not null)
            log.Step($"saving the index to {settings.SnapshotFile.FullName}", () => index.SaveToFile(settings.SnapshotFile.FullName));
        return (index, seconds);
    }

    private static (IdMatrix Truth, string Source) ReadOrComputeTruth(AnnBenchSettings settings, VectorSet vectors, VectorSet queries, ProgressLog log)
    {
        if (settings.TruthFile is null)
        {
            var computed = log.Step($"computing ground truth for {queries.Count} queries by exact search",
                () => GroundTruth.Compute(vectors, queries, settings.K, metric: settings.Options.Metric));
            return (computed, "exact search");
        }
        var ids = VectorFiles.ReadIds(RequireFile(settings.TruthFile, "--gt"), queries.Count);
        if (ids.Count != queries.Count)
            throw new InvalidDataException($"--gt has {ids.Count} rows but there are {queries.Count} queries.");
        if (ids.Width < settings.K)
            throw new InvalidDataException($"--gt holds {ids.Width} neighbours per query; recall@{settings.K} needs at least {settings.K}.");
        return (ids, settings.TruthFile.Name);
    }

    private static void WriteIds(FileInfo file, ulong[] found, int k, ProgressLog log)
    {
        var ids = found.Select(id => id == ulong.MaxValue ? -1 : checked((int)id)).ToArray();
        VectorFiles.WriteIvecs(file.FullName, new IdMatrix(ids, k));
        log.Line($"wrote the result ids of the last ef to {file.FullName}");
    }

    private static string RequireFile(FileInfo file, string option) =>
        file.Exists ? file.FullName : throw new FileNotFoundException($"{option}: file not found: {file.FullName}");

    private static void Print(AnnReport report, TextWriter output)
    {
        var console = TableConsole.For(output);
        console.WriteLine($"{report.Dataset}: n={report.N} dim={report.Dim} M={report.M} efC={report.EfConstruction} {report.Metric} {report.Layout} quantization={report.Quantization}" +
            (report.Oversampling is { } factor ? $" oversampling={factor}" : "") + (report.RerankBytes > 0 ? $" (re-rank file {report.RerankBytes / 1048576.0:F1} MiB)" : "") + "; " +
            (report.BuildSeconds is { } seconds ? $"build {seconds:F2} s on {report.Threads} thread(s)" : $"loaded from {report.LoadedFrom}") + $"; index {report.IndexBytes / 1048576.0:F1} MiB ({report.MemoryRatio:F3}× vectors + 2M links)");
        var table = new Table().AddColumns("ef", $"recall@{report.K}", "QPS", "p50 µs", "p99 µs");
        foreach (var run in report.Runs)
            table.AddRow($"{run.Ef}", $"{run.Recall:F4}", $"{run.Qps:F0}", $"{run.P50Us:F1}", $"{run.P99Us:F1}");
        console.Write(table);
    }
}
