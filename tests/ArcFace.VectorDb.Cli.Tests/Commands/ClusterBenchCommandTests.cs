using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

public class ClusterBenchCommandTests
{
    [Fact]
    public async Task Bench_cluster_on_a_tiny_set_writes_json_and_markdown_with_sane_figures_for_every_configuration()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Invoke("bench", "make-data", "synthetic", "--out", dir.File("data"), "--n", "2000", "--queries", "100", "--dim", "32", "--gt-k", "10").ExitCode);
        using var redis = await RedisServer.StartAsync();

        var run = CliRun.Invoke("bench", "cluster", "--dataset", dir.File("data"), "--redis", $"redis://{redis.Address}", "--seconds", "0.5", "--clients", "1,4",
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

    /// <summary>A redis-server on a free loopback port, killed (by its pid) on dispose.</summary>
    private sealed class RedisServer(Process process, string address) : IDisposable
    {
        public string Address => address;

        public static async Task<RedisServer> StartAsync()
        {
            int port = ServeProcess.FreePort();
            var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
                start.ArgumentList.Add(argument);
            var server = new RedisServer(Process.Start(start)!, $"127.0.0.1:{port}");
            _ = server.Process.StandardOutput.ReadToEndAsync();
            _ = server.Process.StandardError.ReadToEndAsync();
            for (int attempt = 0; ; attempt++)
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return server;
                }
                catch (SocketException) when (attempt < 100)
                {
                    await Task.Delay(50);
                }
            }
        }

        private Process Process => process;

        public void Dispose()
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
    }
}
