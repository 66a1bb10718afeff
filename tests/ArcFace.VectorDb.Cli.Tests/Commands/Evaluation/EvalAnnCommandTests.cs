using System.Text.Json;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands.Evaluation;

/// <summary>`arcvdb eval ann` over a collection.</summary>
public class EvalAnnCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_collections_index_is_measured_against_exact_search_with_the_keys_bench_ann_writes()
    {
        using var dir = new TempDirectory();
        await using (var database = VectorDatabase.Create(dir.File("db")))
        {
            var collection = database.CreateCollection(new CollectionSettings { Name = "v", Dimension = 24 });
            var random = new Random(5);
            var records = Enumerable.Range(0, 600).Select(i => LogRecord.Upsert((ulong)i * 977, Enumerable.Range(0, 24).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())).ToArray();
            await collection.UpsertAsync(records);
        }

        var run = CliRun.Invoke("eval", "ann", "--db", dir.File("db"), "--collection", "v", "--sample", "100", "--ef", "10,400", "--k", "5", "--json", dir.File("ann.json"));

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        var report = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("ann.json")));
        Assert.Equal((600, 24, 100), (report.GetProperty("n").GetInt32(), report.GetProperty("dim").GetInt32(), report.GetProperty("queries").GetInt32()));
        var runs = report.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal([10, 400], runs.Select(r => r.GetProperty("ef").GetInt32()));
        Assert.All(runs, r => Assert.True(r.GetProperty("qps").GetDouble() > 0 && r.GetProperty("p99_us").GetDouble() >= r.GetProperty("p50_us").GetDouble()));
        Assert.Equal(1.0, runs[1].GetProperty("recall").GetDouble());
        Assert.True(File.Exists(dir.File("ann.md")) && File.Exists(dir.File("ann.png")));
    }

    [Fact]
    public async Task The_report_names_the_collections_metric_as_info_does()
    {
        using var dir = new TempDirectory();
        await CreateTwoPointCollectionAsync(dir.File("db"));

        var ann = CliRun.Invoke("eval", "ann", "--db", dir.File("db"), "--collection", "v", "--ef", "2", "--k", "1", "--json", dir.File("ann.json"));
        var info = CliRun.Invoke("info", "--db", dir.File("db"), "--json");

        Assert.Equal((0, 0), (ann.ExitCode, info.ExitCode));
        string infoMetric = JsonDocument.Parse(info.Output).RootElement.GetProperty("collections")[0].GetProperty("metric").GetString()!;
        Assert.Equal("Cosine", infoMetric);
        Assert.Equal(infoMetric, JsonDocument.Parse(File.ReadAllText(dir.File("ann.json"))).RootElement.GetProperty("metric").GetString());
    }

    [Fact]
    public async Task An_ef_below_k_is_one_clear_line_and_exit_code_1()
    {
        using var dir = new TempDirectory();
        await CreateTwoPointCollectionAsync(dir.File("db"));

        var run = CliRun.Invoke("eval", "ann", "--db", dir.File("db"), "--collection", "v", "--ef", "1", "--k", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Every ef must be at least k = 2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_file_of_another_dimension_is_refused_naming_both_dimensions()
    {
        using var dir = new TempDirectory();
        var random = new Random(3);
        await using (var database = VectorDatabase.Create(dir.File("db")))
        {
            var records = Enumerable.Range(0, 20).Select(i => LogRecord.Upsert((ulong)i, Enumerable.Range(0, 128).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())).ToArray();
            await database.CreateCollection(new CollectionSettings { Name = "v", Dimension = 128 }).UpsertAsync(records);
        }
        // Four 64-d vectors hold 256 floats: a whole number of 128-d vectors, so only a dimension check catches them.
        VectorFiles.WriteFvecs(dir.File("q.fvecs"), new VectorSet([.. Enumerable.Range(0, 4 * 64).Select(_ => (float)random.NextDouble())], 64));

        var run = CliRun.Invoke("eval", "ann", "--db", dir.File("db"), "--collection", "v", "--queries", dir.File("q.fvecs"), "--ef", "16", "--k", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The queries are 64-d but collection 'v' holds 128-d vectors.", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A database holding collection "v" (cosine, 2-d) of two points.</summary>
    private static async Task CreateTwoPointCollectionAsync(string db)
    {
        await using var database = VectorDatabase.Create(db);
        await database.CreateCollection(new CollectionSettings { Name = "v", Dimension = 2 }).UpsertAsync([LogRecord.Upsert(1, new[] { 1f, 0f }), LogRecord.Upsert(2, new[] { 0f, 1f })]);
    }
}
