using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// `bench cluster`: the same points and searches through a single node and through clusters of 1 silo (1, 4 and 8
/// shards) and 3 silos (6 shards), each server a separate `arcvdb serve` process on loopback and the load generator in
/// this process; then failover of the 3-silo cluster. Every process it starts is killed when it ends, however it ends.
/// </summary>
internal static class ClusterBench
{
    /// <summary>Shard counts of the 1-silo cluster's collections.</summary>
    private static readonly int[] OneSiloShards = [1, 4, 8];

    /// <summary>Silos and shards of the larger cluster.</summary>
    private const int ManySilos = 3;
    private const int ManySiloShards = 6;

    /// <summary>Runs every configuration and the failover runs.</summary>
    public static async Task<ClusterBenchReport> RunAsync(ClusterBenchSettings settings, ProgressLog log, CancellationToken cancellation)
    {
        var inputs = ClusterBenchInputs.Read(settings, log);
        string root = Path.Combine(settings.WorkDirectory.FullName, $"arcvdb-cluster-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        bool done = false;
        var children = new ChildProcesses();
        try
        {
            var bench = new ConfigurationBench(settings, inputs, children, log, cancellation);
            var configurations = new List<ClusterConfiguration>();

            var single = await ArcvdbServeProcess.StartAsync(children, ["--db", Path.Combine(root, "single"), "--create", "--listen", "127.0.0.1:0"], Path.Combine(root, "single.log"), cancellation);
            var baseline = await bench.RunAsync("single node", single.Address, "bench", 1, null, null);
            configurations.Add(baseline);
            children.Kill(single.Process);

            string redis = settings.Redis ?? await RedisServerProcess.StartAsync(children, cancellation);
            var one = await BenchCluster.StartAsync(children, redis, Path.Combine(root, "one-silo"), 1, cancellation);
            foreach (int shards in OneSiloShards)
                configurations.Add(await bench.RunAsync($"1 silo, {shards} shard{(shards == 1 ? "" : "s")}", one.Address, $"s{shards}", shards, one, baseline));
            one.Stop();

            var many = await BenchCluster.StartAsync(children, redis, Path.Combine(root, "three-silos"), ManySilos, cancellation);
            configurations.Add(await bench.RunAsync($"{ManySilos} silos, {ManySiloShards} shards", many.Address, "s6", ManySiloShards, many, baseline));
            FailoverReport? failover = null;
            if (settings.FailoverRuns > 0)
            {
                log.Line($"== failover: kill -9 of one of {ManySilos} silos, {settings.FailoverRuns} runs ==");
                var probes = SearchLoad.Requests(inputs.Queries, "s6", settings.K, settings.Ef)[..Math.Min(inputs.Queries.Count, 2 * ManySiloShards)];
                failover = await ClusterFailover.RunAsync(many, "s6", ManySiloShards, inputs.Base.Count, probes, settings.FailoverRuns, log, cancellation);
                log.Line($"failover: median {failover.MedianSeconds:F2} s over the recovered of {failover.Runs.Count} runs");
            }
            many.Stop();
            done = true;
            return new ClusterBenchReport(inputs.Description, Machine(), settings.K, settings.Ef, settings.Seconds, settings.Clients, settings.RecallEfs, inputs.RecallQueries.Count,
                configurations, failover, Notes(settings));
        }
        finally
        {
            children.Dispose();
            if (done)
                Directory.Delete(root, recursive: true);
            else
                log.Line($"kept {root} (the servers' logs are there) after the failure");
        }
    }

    private static string[] Notes(ClusterBenchSettings settings) =>
    [
        "Every server is its own `arcvdb serve` process on loopback (the single node with --db, each silo with --cluster and Redis membership), with the per-call log off; the load generator runs in the benchmark's process on the same cores.",
        $"Search load: each of N clients (one HTTP/2 channel each) sends Search (k={settings.K}, ef={settings.Ef}) back to back for {settings.Seconds:G} s after a warm-up; QPS counts answered calls, p50/p99 their latency.",
        $"On {Environment.ProcessorCount} cores, {ManySilos} silos share the same cores as 1 silo: that configuration measures the overhead of fanning out across processes, not a speed-up.",
        "A sharded search asks every shard for its top k at the same ef and merges them: every shard searches its own graph, so a search costs about shards times one smaller search, and on the cores of one machine sharding adds work instead of dividing it. The fan-out table splits each set-up's server CPU per search into the index's part and the rest; its ceiling is the ratio a set-up would reach with a fan-out that cost nothing. Recall at one ef need not match that of one index: points are spread by a hash of their id, so the true neighbours of a query (on face data, the few samples of one identity) are split into smaller groups, one per shard, that the graph of each shard must find on its own.",
        "index_memory_bytes is a sum over shards as GetCollection reports it; index_memory_bytes_per_shard is that sum over the shard count. Shard points follow the cluster's id routing; shard disk bytes are the shard folders' sizes right after loading (log, snapshot when one was written, lease files), as GetCollection's disk_bytes is read.",
        "Failover: kill -9 of the last silo, then rounds of probe searches (each fans out to every shard) through silo 0 every 100 ms, each probe with a deadline, until one whole round answers; between runs the silo is started again and its shards move back.",
    ];

    private static ClusterBenchMachine Machine()
    {
        string cpu = "unknown";
        if (File.Exists("/proc/cpuinfo"))
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        return new ClusterBenchMachine(Environment.ProcessorCount, cpu, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }
}
