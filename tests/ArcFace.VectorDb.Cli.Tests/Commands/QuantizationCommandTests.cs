using System.Text.Json;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>--quantization and --oversampling on the command line: bench ann's report, import into a new collection, info.</summary>
public class QuantizationCommandTests
{
    [Theory]
    [InlineData("int8")]
    [InlineData("binary")]
    public void Bench_ann_records_the_quantisation_the_oversampling_and_the_re_rank_file_apart_from_the_index_bytes(string quantization)
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Invoke("bench", "make-data", "synthetic", "--out", dir.Path, "--n", "2000", "--queries", "50", "--dim", "256", "--gt-k", "20").ExitCode);

        var run = CliRun.Invoke("bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("query.fvecs"), "--gt", dir.File("gt.ivecs"),
            "--ef", "10,200", "--quantization", quantization, "--oversampling", "6", "--json", dir.File("ann.json"));

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("ann.json")));
        var root = report.RootElement;
        Assert.Equal(quantization, root.GetProperty("quantization").GetString());
        Assert.Equal(6.0, root.GetProperty("oversampling").GetDouble());
        Assert.True(root.GetProperty("rerank_bytes").GetInt64() >= 2000L * 256 * sizeof(float));
        Assert.True(root.GetProperty("index_bytes").GetInt64() > 0);
        Assert.True(root.GetProperty("runs")[1].GetProperty("recall").GetDouble() >= 0.95);
        Assert.Contains($"quantization={quantization} oversampling=6", run.Output);
    }

    [Fact]
    public void Bench_ann_without_quantisation_reports_none_and_no_re_rank_file()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Invoke("bench", "make-data", "synthetic", "--out", dir.Path, "--n", "500", "--queries", "20", "--dim", "16", "--gt-k", "10").ExitCode);

        var run = CliRun.Invoke("bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("query.fvecs"), "--ef", "50", "--json", dir.File("ann.json"));

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("ann.json")));
        Assert.Equal("none", report.RootElement.GetProperty("quantization").GetString());
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("oversampling").ValueKind);
        Assert.Equal(0, report.RootElement.GetProperty("rerank_bytes").GetInt64());
    }

    [Fact]
    public void A_bench_snapshot_of_another_quantisation_is_refused_by_name()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Invoke("bench", "make-data", "synthetic", "--out", dir.Path, "--n", "500", "--queries", "20", "--dim", "16", "--gt-k", "10").ExitCode);
        string[] common = ["bench", "ann", "--base", dir.File("base.fvecs"), "--query", dir.File("query.fvecs"), "--ef", "50", "--snapshot", dir.File("index.hnsw")];

        var built = CliRun.Invoke([.. common, "--quantization", "int8"]);
        var reloaded = CliRun.Invoke([.. common, "--quantization", "int8"]);
        var other = CliRun.Invoke([.. common, "--quantization", "binary"]);

        Assert.Equal((0, 0, 1), (built.ExitCode, reloaded.ExitCode, other.ExitCode));
        Assert.Contains("loaded from", reloaded.Output);
        Assert.Contains("holds an index with int8 quantisation, --quantization is binary", other.Error);
    }

    [Fact]
    public void Import_creates_a_quantised_collection_that_info_describes_and_refuses_another_quantisation_for_it()
    {
        using var dir = new TempDirectory();
        string vectors = StorageCommandTests.WriteVectors(dir, 600);
        string db = dir.File("db");

        var imported = CliRun.Invoke("import", "--db", db, "--collection", "faces", "--vectors", vectors, "--quantization", "binary");
        var info = StorageCommandTests.Collection(CliRun.Invoke("info", "--db", db, "--json"));
        var table = CliRun.Invoke("info", "--db", db);
        var other = CliRun.Invoke("import", "--db", db, "--collection", "faces", "--vectors", vectors, "--quantization", "int8");
        var unknown = CliRun.Invoke("import", "--db", db, "--collection", "x", "--vectors", vectors, "--quantization", "int4");

        Assert.Equal(0, imported.ExitCode);
        Assert.Equal("binary", info.GetProperty("quantization").GetString());
        Assert.True(info.GetProperty("rerank_bytes").GetInt64() >= 600L * 16 * sizeof(float));
        Assert.True(info.GetProperty("index_bytes").GetInt64() > 0);
        Assert.Contains("binary", table.Output);
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("--quantization int8 was given but it was created with binary", other.Error);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("int4", unknown.Error);
    }
}
