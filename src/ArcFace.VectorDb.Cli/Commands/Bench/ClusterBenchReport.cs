namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>What `bench cluster` measured: every configuration, failover, and the notes that say how to read them.</summary>
internal sealed record ClusterBenchReport(ClusterBenchInput Dataset, ClusterBenchMachine Machine, int K, int Ef, double Seconds, int[] Clients, int[] RecallEfs, int RecallQueries,
    IReadOnlyList<ClusterConfiguration> Configurations, FailoverReport? Failover, IReadOnlyList<string> Notes);

/// <summary>The vectors a run used; <paramref name="GroundTruth"/> says where the exact neighbours came from.</summary>
internal sealed record ClusterBenchInput(string Base, string Query, string GroundTruth, int Points, int Dimension, int Queries);

/// <summary>The machine the run was on.</summary>
internal sealed record ClusterBenchMachine(int Cores, string Cpu, long MemoryBytes, string Os, string Runtime);

/// <summary>
/// One server set-up serving one collection: how long its points took to load (durable Upsert stream), its figures as
/// GetCollection gives them (index memory only as a sum over shards: <paramref name="IndexMemoryBytesPerShard"/> is its
/// mean), each shard's points, disk bytes and silo, search load at each client count and recall at each ef.
/// </summary>
internal sealed record ClusterConfiguration(string Name, string Server, int Silos, int Shards, double LoadSeconds, double LoadPointsPerSecond, long Points, long IndexMemoryBytes,
    long IndexMemoryBytesPerShard, long DiskBytes, IReadOnlyList<ShardFigures> PerShard, IReadOnlyList<ClusterLoadRun> Loads, IReadOnlyList<RecallAtEf> Recall, FanOutCost FanOut)
{
    /// <summary>The load at the most clients, the one the fan-out split is set against (not in the JSON: it is one of <see cref="Loads"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ClusterLoadRun AtMostClients => Loads.MaxBy(load => load.Clients)!;
}

/// <summary>One shard: points routed to it, bytes of its folder, the silo port holding it (null on a single node).</summary>
internal sealed record ShardFigures(int Shard, long Points, long DiskBytes, int? SiloPort);

/// <summary>
/// Search load at one client count; <paramref name="OverSingleNode"/> is its QPS over the single node's at the same
/// count; <paramref name="ServerCpuUs"/> and <paramref name="ClientCpuUs"/> are the CPU microseconds the server
/// processes (all silos and Redis) and the load generator spent per answered search.
/// </summary>
internal sealed record ClusterLoadRun(int Clients, double Qps, double P50Us, double P99Us, long Errors, double? OverSingleNode, double ServerCpuUs, double ClientCpuUs);

/// <summary>Mean recall@k at one ef.</summary>
internal sealed record RecallAtEf(int Ef, double Recall);
