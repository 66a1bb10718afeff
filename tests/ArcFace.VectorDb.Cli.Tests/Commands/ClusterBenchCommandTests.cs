using System.Text.Json;
using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`bench cluster` end to end on a tiny set, against a real redis-server and real silo processes.</summary>
public class ClusterBenchCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Bench_cluster_on_a_tiny_set_writes_json_and_markdown_with_sane_figures_for_every_configuration()
    {
        if (RedisProcess.Missing is { } missing)
        {
            output.WriteLine(missing);
            return;
        }
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Invoke("bench", "make-data", "synthetic", "--out", dir.File("data"), "--n", "2000", "--queries", "100", "--dim", "32", "--gt-k", "10").ExitCode);
        using var redis = await RedisProcess.StartAsync();

        var run = CliRun.Invoke("bench", "cluster", "--dataset", dir.File("data"), "--redis", redis.Url, "--seconds", "0.5", "--clients", "1,4",
            "--failover-runs", "1", "--out", dir.File("out"), "--work-dir", dir.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(dir.File("out/cluster.md")));
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("out/cluster.json")));
        var root = report.RootElement;
        Assert.Equal(2000, root.GetProperty("dataset").GetProperty("points").GetInt32());
        var configurations = root.GetProperty("configurations").EnumerateArray().ToArray();
        Assert.Equal([1, 1, 4, 8, 6], configurations.Select(c => c.GetProperty("shards").GetInt32()));
        Assert.Equal([1, 1, 1, 1, 3], configurations.Select(c => c.GetProperty("silos").GetInt32()));
        foreach (var configuration in configurations)
        {
            Assert.Equal(2000, configuration.GetProperty("points").GetInt64());
            Assert.Equal(2000, configuration.GetProperty("per_shard").EnumerateArray().Sum(shard => shard.GetProperty("points").GetInt64()));
            Assert.True(configuration.GetProperty("load_seconds").GetDouble() > 0);
            Assert.True(configuration.GetProperty("index_memory_bytes").GetInt64() > 0);
            Assert.True(configuration.GetProperty("disk_bytes").GetInt64() > 0);
            var loads = configuration.GetProperty("loads").EnumerateArray().ToArray();
            Assert.Equal([1, 4], loads.Select(load => load.GetProperty("clients").GetInt32()));
            Assert.All(loads, load => Assert.True(load.GetProperty("qps").GetDouble() > 0 && load.GetProperty("over_single_node").GetDouble() > 0));
            Assert.All(loads, load => Assert.True(load.GetProperty("server_cpu_us").GetDouble() > 0 && load.GetProperty("client_cpu_us").GetDouble() > 0));
            var fanOut = configuration.GetProperty("fan_out");
            Assert.Equal(4, fanOut.GetProperty("tiny_load").GetProperty("clients").GetInt32());
            Assert.True(fanOut.GetProperty("tiny_load").GetProperty("qps").GetDouble() > 0);
            bool single = configuration.GetProperty("server").GetString() == "single node";
            Assert.Equal(single, fanOut.GetProperty("free_fan_out_ceiling").ValueKind == JsonValueKind.Null);
            if (!single)
                Assert.InRange(fanOut.GetProperty("free_fan_out_ceiling").GetDouble(), 0.01, 100);
            var recalls = configuration.GetProperty("recall").EnumerateArray().Select(r => r.GetProperty("recall").GetDouble()).ToArray();
            Assert.Equal(2, recalls.Length);
            Assert.All(recalls, recall => Assert.InRange(recall, 0.5, 1.0));
        }
        var failover = root.GetProperty("failover");
        var only = Assert.Single(failover.GetProperty("runs").EnumerateArray());
        Assert.True(only.GetProperty("shards_on_killed_silo").GetInt32() > 0);
        Assert.InRange(failover.GetProperty("median_seconds").GetDouble(), 0.1, 90);
        Assert.Empty(Directory.EnumerateDirectories(dir.Path, "arcvdb-cluster-bench-*"));
    }

    [Fact]
    public void Bench_cluster_refuses_a_missing_folder_and_mixed_or_half_inputs_before_starting_anything()
    {
        using var dir = new TempDirectory();
        var missing = CliRun.Invoke("bench", "cluster", "--dataset", dir.File("absent"), "--out", dir.File("out"));
        var mixed = CliRun.Invoke("bench", "cluster", "--dataset", dir.Path, "--base", dir.File("b.fvecs"), "--out", dir.File("out"));
        var half = CliRun.Invoke("bench", "cluster", "--base", dir.File("b.fvecs"), "--out", dir.File("out"));

        Assert.Contains($"Directory does not exist: '{dir.File("absent")}'", missing.Error);
        Assert.Contains("Give --dataset DIR, or --base and --query", mixed.Error);
        Assert.Contains("--base and --query go together.", half.Error);
        Assert.All([missing, half, mixed], run => Assert.NotEqual(0, run.ExitCode));
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
