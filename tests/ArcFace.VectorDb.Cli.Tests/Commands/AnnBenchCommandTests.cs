using System.Text.Json;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

public class AnnBenchCommandTests
{
    private static string MakeData(TempDirectory dir)
    {
        var run = CliRun.Invoke("bench", "make-data", "synthetic", "--out", dir.Path, "--n", "2000", "--queries", "50", "--dim", "24", "--gt-k", "20");
        Assert.Equal(0, run.ExitCode);
        return dir.Path;
    }

    [Fact]
    public void Bench_ann_writes_the_json_report_with_every_key_and_a_run_per_ef()
    {
        using var dir = new TempDirectory();
        MakeData(dir);

        var run = CliRun.Invoke("bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("query.fvecs"), "--gt", dir.File("gt.ivecs"),
            "--m", "8", "--ef-construction", "64", "--ef", "10,40,200", "--k", "10", "--threads", "2", "--json", dir.File("ann.json"));

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("ann.json")));
        var root = report.RootElement;
        foreach (var key in new[] { "dataset", "n", "dim", "m", "ef_construction", "threads", "build_seconds", "index_bytes", "runs" })
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key}");
        Assert.Equal(2000, root.GetProperty("n").GetInt32());
        Assert.Equal(24, root.GetProperty("dim").GetInt32());
        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([10, 40, 200], runs.Select(r => r.GetProperty("ef").GetInt32()));
        foreach (var r in runs)
        {
            Assert.InRange(r.GetProperty("recall").GetDouble(), 0.0, 1.0);
            Assert.True(r.GetProperty("qps").GetDouble() > 0);
            Assert.True(r.GetProperty("p99_us").GetDouble() >= r.GetProperty("p50_us").GetDouble());
        }
        Assert.True(runs[^1].GetProperty("recall").GetDouble() >= 0.95);
        Assert.Contains("recall@10", run.Output);
    }

    [Fact]
    public void Bench_ann_json_gains_a_markdown_table_and_a_png_chart_beside_it()
    {
        using var dir = new TempDirectory();
        MakeData(dir);

        var run = CliRun.Invoke("bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("query.fvecs"), "--gt", dir.File("gt.ivecs"),
            "--m", "8", "--ef-construction", "32", "--ef", "10,40", "--k", "10", "--json", dir.File("ann.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(dir.File("ann.md"), run.Error);
        Assert.Contains(dir.File("ann.png"), run.Error);
        Assert.Contains("| 40 | ", File.ReadAllText(dir.File("ann.md")));
        byte[] png = File.ReadAllBytes(dir.File("ann.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 10_000, "The chart is (nearly) blank.");
    }

    [Fact]
    public void Bench_ann_computes_the_ground_truth_when_none_is_given()
    {
        using var dir = new TempDirectory();
        MakeData(dir);

        var run = CliRun.Invoke("bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("query.fvecs"), "--ef", "100", "--json", dir.File("ann.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("computing ground truth for 50 queries by exact search", run.Error);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("ann.json")));
        Assert.True(report.RootElement.GetProperty("runs")[0].GetProperty("recall").GetDouble() >= 0.95);
    }

    [Fact]
    public void Bench_ann_rejects_an_ef_below_k_a_missing_file_and_mismatched_dimensions()
    {
        using var dir = new TempDirectory();
        MakeData(dir);
        VectorFiles.WriteFvecs(dir.File("other.fvecs"), new VectorSet(new float[10 * 7], 7));

        var lowEf = CliRun.Invoke("bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("query.fvecs"), "--ef", "5", "--k", "10");
        Assert.NotEqual(0, lowEf.ExitCode);
        Assert.Contains("--ef 5 is below --k 10", lowEf.Error);
        var lowEfDefaultK = CliRun.Invoke("bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("query.fvecs"), "--ef", "5");
        Assert.NotEqual(0, lowEfDefaultK.ExitCode);
        Assert.Contains("--ef 5 is below --k 10", lowEfDefaultK.Error);

        var missing = CliRun.Invoke("bench", "ann", "--base", dir.File("nope.fvecs"), "--query", dir.File("query.fvecs"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("file not found", missing.Error);
        Assert.Contains("nope.fvecs", missing.Error);

        var mismatch = CliRun.Invoke("bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("other.fvecs"));
        Assert.Equal(1, mismatch.ExitCode);
        Assert.Contains("Queries are 7-d but the base vectors are 24-d", mismatch.Error);
    }

    [Fact]
    public void Bench_ann_snapshot_is_built_once_then_loaded_with_the_same_recall_and_refused_for_other_parameters()
    {
        using var dir = new TempDirectory();
        MakeData(dir);
        string[] common = ["bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("query.fvecs"), "--gt", dir.File("gt.ivecs"),
            "--m", "8", "--ef-construction", "64", "--ef", "20", "--snapshot", dir.File("index.hnsw")];

        var built = CliRun.Invoke([.. common, "--json", dir.File("built.json")]);
        var loaded = CliRun.Invoke([.. common, "--json", dir.File("loaded.json")]);
        var otherM = CliRun.Invoke([.. common.Select(a => a == "8" ? "12" : a)]);

        Assert.Equal(0, built.ExitCode);
        Assert.Equal(0, loaded.ExitCode);
        using var first = JsonDocument.Parse(File.ReadAllText(dir.File("built.json")));
        using var second = JsonDocument.Parse(File.ReadAllText(dir.File("loaded.json")));
        Assert.True(first.RootElement.GetProperty("build_seconds").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("build_seconds").ValueKind);
        Assert.EndsWith("index.hnsw", second.RootElement.GetProperty("loaded_from").GetString());
        Assert.Equal(first.RootElement.GetProperty("runs")[0].GetProperty("recall").GetDouble(), second.RootElement.GetProperty("runs")[0].GetProperty("recall").GetDouble());
        Assert.Equal(1, otherM.ExitCode);
        Assert.Contains("holds an index with M=8, --m is 12", otherM.Error);
    }

    [Fact]
    public void Bench_ann_ids_out_holds_the_results_of_the_last_ef_that_give_the_reported_recall()
    {
        using var dir = new TempDirectory();
        MakeData(dir);

        var run = CliRun.Invoke("bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("query.fvecs"), "--gt", dir.File("gt.ivecs"),
            "--m", "8", "--ef-construction", "64", "--ef", "10,40", "--k", "10", "--json", dir.File("ann.json"), "--ids-out", dir.File("ids.ivecs"));

        Assert.Equal(0, run.ExitCode);
        var ids = VectorFiles.ReadIds(dir.File("ids.ivecs"));
        var truth = VectorFiles.ReadIds(dir.File("gt.ivecs"));
        Assert.Equal((50, 10), (ids.Count, ids.Width));
        double recall = Enumerable.Range(0, 50).Average(q =>
            ids.Data.AsSpan(q * 10, 10).ToArray().Intersect(truth.Data.AsSpan(q * truth.Width, 10).ToArray()).Count() / 10.0);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("ann.json")));
        Assert.Equal(report.RootElement.GetProperty("runs")[1].GetProperty("recall").GetDouble(), recall, 9);
    }
}
