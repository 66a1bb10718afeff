using System.Text.Json;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

public class StorageCommandTests
{
    /// <summary>Writes n random 16-d vectors and n labels into the directory; returns the vector file's path.</summary>
    internal static string WriteVectors(TempDirectory dir, int n, int dim = 16)
    {
        var random = new Random(n);
        var data = Enumerable.Range(0, n * dim).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        VectorFiles.WriteFvecs(dir.File("v.fvecs"), new VectorSet(data, dim));
        File.WriteAllLines(dir.File("v.labels"), Enumerable.Range(0, n).Select(i => $"person-{i % 10}"));
        return dir.File("v.fvecs");
    }

    [Fact]
    public void Import_then_info_reports_the_collection_a_resumed_import_skips_and_a_repeated_one_replaces_until_compaction()
    {
        using var dir = new TempDirectory();
        string vectors = WriteVectors(dir, 3000);
        string db = dir.File("db");

        var first = CliRun.Invoke("import", "--db", db, "--collection", "faces", "--vectors", vectors, "--labels", dir.File("v.labels"));
        var resumed = CliRun.Invoke("import", "--db", db, "--collection", "faces", "--vectors", vectors, "--resume", "--durability", "FireAndForget");
        var repeated = CliRun.Invoke("import", "--db", db, "--collection", "faces", "--vectors", vectors, "--labels", dir.File("v.labels"));
        var before = Collection(CliRun.Invoke("info", "--db", db, "--json"));
        var compact = CliRun.Invoke("compact", "--db", db);
        var after = Collection(CliRun.Invoke("info", "--db", db, "--json"));

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("imported 3000 vectors into 'faces' (0 replaced a point of the same id), 3000 live", first.Output);
        Assert.Contains("imported 0 vectors into 'faces' (3000 already present, skipped)", resumed.Output);
        Assert.Contains("imported 3000 vectors into 'faces' (3000 replaced a point of the same id), 3000 live", repeated.Output);
        Assert.Equal(("faces", 3000, 16, "Cosine"), (before.GetProperty("name").GetString(), before.GetProperty("count").GetInt32(),
            before.GetProperty("dim").GetInt32(), before.GetProperty("metric").GetString()));
        Assert.True(before.GetProperty("bytes").GetInt64() > 3000 * 16 * 4);
        Assert.True(before.GetProperty("snapshot_age_seconds").GetDouble() >= 0);
        Assert.Equal((6000, 3000), (before.GetProperty("index_nodes").GetInt32(), before.GetProperty("index_tombstones").GetInt32()));
        Assert.Contains("compacted 'faces': 3000 live records", compact.Output);
        Assert.Contains("index 6000 → 3000 nodes", compact.Output);
        Assert.Equal((3000, 3000, 0), (after.GetProperty("count").GetInt32(), after.GetProperty("index_nodes").GetInt32(), after.GetProperty("index_tombstones").GetInt32()));
    }

    /// <summary>The one collection of an `info --json` run.</summary>
    internal static JsonElement Collection(CliRun info)
    {
        Assert.Equal(0, info.ExitCode);
        return JsonDocument.Parse(info.Output).RootElement.GetProperty("collections").EnumerateArray().Single().Clone();
    }

    [Fact]
    public void Import_and_info_refuse_bad_input_with_one_line_errors()
    {
        using var dir = new TempDirectory();
        string vectors = WriteVectors(dir, 100);
        string db = dir.File("db");
        File.WriteAllLines(dir.File("short.labels"), ["a", "b"]);
        CliRun.Invoke("import", "--db", db, "--collection", "faces", "--vectors", vectors);
        VectorFiles.WriteFvecs(dir.File("wide.fvecs"), new VectorSet(new float[10 * 8], 8));

        var wrongDim = CliRun.Invoke("import", "--db", db, "--collection", "faces", "--vectors", dir.File("wide.fvecs"));
        var wrongMetric = CliRun.Invoke("import", "--db", db, "--collection", "faces", "--vectors", vectors, "--metric", "L2");
        var shortLabels = CliRun.Invoke("import", "--db", db, "--collection", "x", "--vectors", vectors, "--labels", dir.File("short.labels"));
        var missing = CliRun.Invoke("import", "--db", db, "--collection", "x", "--vectors", dir.File("nope.fvecs"));
        var notDb = CliRun.Invoke("info", "--db", dir.Path);

        Assert.Equal((1, 1, 1, 1, 1), (wrongDim.ExitCode, wrongMetric.ExitCode, shortLabels.ExitCode, missing.ExitCode, notDb.ExitCode));
        Assert.Contains("Collection 'faces' exists: --vectors holds 8-d vectors but it is 16-d", wrongDim.Error);
        Assert.Contains("--metric L2 was given but it is Cosine", wrongMetric.Error);
        Assert.Contains("--labels has 2 lines but --vectors has 100 rows", shortLabels.Error);
        Assert.Contains("file not found", missing.Error);
        Assert.Contains("is not an ArcFace.VectorDb database", notDb.Error);
    }

    [Fact]
    public void Bench_storage_reports_every_rate_and_time_beside_its_baseline()
    {
        using var dir = new TempDirectory();
        string vectors = WriteVectors(dir, 2000);

        var run = CliRun.Invoke("bench", "storage", "--vectors", vectors, "--work-dir", dir.Path, "--json", dir.File("storage.json"));

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("storage.json")));
        var root = report.RootElement;
        Assert.Equal(2000, root.GetProperty("vectors").GetInt32());
        foreach (var key in new[] { "bare_log_append_vps", "import_durable_vps", "import_fire_and_forget_vps", "reopen_snapshot_seconds",
                     "read_snapshot_files_seconds", "reopen_replay_seconds", "read_log_files_seconds" })
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        Assert.True(root.GetProperty("log_bytes_per_vector").GetDouble() >= 16 * 4);
        Assert.True(root.GetProperty("total_bytes_per_vector").GetDouble() > root.GetProperty("log_bytes_per_vector").GetDouble());
        Assert.Empty(Directory.GetDirectories(dir.Path, "bench-storage-*"));
    }
}
