using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Protos;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// Measures one server set-up through its gRPC API: creates a collection of the given shards, loads the base set
/// (durable Upsert stream), reads its figures, runs the search load at every client count (after a warm-up) and
/// measures recall at every recall ef.
/// </summary>
internal sealed class ConfigurationBench(ClusterBenchSettings settings, ClusterBenchInputs inputs, ChildProcesses servers, ProgressLog log, CancellationToken cancellation)
{
    private static readonly TimeSpan BalanceTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Points of the collection that measures the fan-out alone: so few that searching its index costs next to nothing.</summary>
    private const int TinyPoints = 64;

    /// <summary>Measures <paramref name="collection"/> of <paramref name="shards"/> served at <paramref name="address"/>; <paramref name="cluster"/> is null for the single node, <paramref name="baseline"/> null for the baseline itself.</summary>
    public async Task<ClusterConfiguration> RunAsync(string name, Uri address, string collection, int shards, BenchCluster? cluster, ClusterConfiguration? baseline)
    {
        log.Line($"== {name}: {inputs.Base.Count} points in {shards} shard(s) ==");
        using var channel = GrpcChannel.ForAddress(address);
        var client = new Protos.VectorDb.VectorDbClient(channel);
        var requests = await CreateSpreadAsync(client, collection, shards, cluster);

        double loadSeconds = await UpsertStreamLoad.RunAsync(address, collection, inputs.Base, $"loading {inputs.Base.Count} points (durable Upsert stream)", log, cancellation);
        log.Line($"loaded in {loadSeconds:F1} s ({inputs.Base.Count / loadSeconds:F0} points/s)");
        var info = await client.GetCollectionAsync(new GetCollectionRequest { Name = collection }, cancellationToken: cancellation);
        var perShard = PerShard(cluster, collection, shards, (long)info.DiskBytes);

        await WarmUpAsync(address, requests);
        var loads = new List<ClusterLoadRun>();
        foreach (int clients in settings.Clients)
            loads.Add(await MeasureLoadAsync(address, requests, clients, baseline?.Loads));
        var recall = new List<RecallAtEf>();
        foreach (int ef in settings.RecallEfs)
        {
            double value = await GrpcRecall.MeasureAsync(address, collection, inputs.RecallQueries, inputs.Truth, settings.K, Math.Max(ef, settings.K), cancellation);
            recall.Add(new RecallAtEf(ef, value));
            log.Line($"recall@{settings.K} at ef {ef}: {value:F4} ({inputs.RecallQueries.Count} queries)");
        }
        var fanOut = await MeasureFanOutAsync(client, address, collection, shards, cluster, baseline, loads.MaxBy(load => load.Clients)!);
        return new ClusterConfiguration(name, cluster is null ? "single node" : "cluster", cluster?.Silos ?? 1, (int)info.Shards, loadSeconds, inputs.Base.Count / loadSeconds,
            (long)info.Count, (long)info.IndexMemoryBytes, (long)info.IndexMemoryBytes / Math.Max(1, (int)info.Shards), (long)info.DiskBytes,
            perShard, loads, recall, fanOut);
    }

    /// <summary>Creates <paramref name="collection"/> in <paramref name="shards"/> shards, waits on a cluster until they are spread (probing with the first queries), and returns one search request per query.</summary>
    private async Task<SearchRequest[]> CreateSpreadAsync(Protos.VectorDb.VectorDbClient client, string collection, int shards, BenchCluster? cluster)
    {
        await client.CreateCollectionAsync(new CreateCollectionRequest { Name = collection, Dimension = (uint)inputs.Base.Dimension, Shards = (uint)shards }, cancellationToken: cancellation);
        var requests = SearchLoad.Requests(inputs.Queries, collection, settings.K, settings.Ef);
        if (cluster is not null)
            await ShardBalance.WaitAsync(cluster, client, collection, shards, requests[..Math.Min(requests.Length, Math.Max(shards, 8))], BalanceTimeout, cancellation);
        return requests;
    }

    /// <summary>An untimed load at the most clients for up to 2 s, so code and connections are warm before a measured one.</summary>
    private async Task WarmUpAsync(Uri address, SearchRequest[] requests) =>
        await SearchLoad.RunAsync(address, requests, settings.Clients.Max(), Math.Min(2, settings.Seconds), cancellation);

    /// <summary>Runs the search load at <paramref name="clients"/> and measures the CPU the servers and the load generator spent on it; <paramref name="baseline"/> gives the ratio to the single node.</summary>
    private async Task<ClusterLoadRun> MeasureLoadAsync(Uri address, SearchRequest[] requests, int clients, IReadOnlyList<ClusterLoadRun>? baseline)
    {
        var (serverCpu, clientCpu) = (servers.CpuTime(), Environment.CpuUsage.TotalTime);
        var run = await SearchLoad.RunAsync(address, requests, clients, settings.Seconds, cancellation);
        double serverUs = PerSearch(servers.CpuTime() - serverCpu, run), clientUs = PerSearch(Environment.CpuUsage.TotalTime - clientCpu, run);
        double? over = baseline is null ? 1.0 : baseline.FirstOrDefault(level => level.Clients == clients) is { Qps: > 0 } same ? run.Qps / same.Qps : null;
        log.Line($"{clients} clients: {run.Qps:F0} QPS, p50 {run.P50Us:F0} µs, p99 {run.P99Us:F0} µs, {run.Errors} errors{(over is { } ratio ? $", {ratio:F2}× the single node" : "")}; CPU per search: server {serverUs:F0} µs, client {clientUs:F0} µs");
        return new ClusterLoadRun(clients, run.Qps, run.P50Us, run.P99Us, run.Errors, over, serverUs, clientUs);
    }

    /// <summary>
    /// What the fan-out itself costs: the same search load (most clients) on a collection of <see cref="TinyPoints"/>
    /// points in as many shards, where a search of the index costs next to nothing, set against <paramref name="full"/>.
    /// </summary>
    private async Task<FanOutCost> MeasureFanOutAsync(Protos.VectorDb.VectorDbClient client, Uri address, string collection, int shards, BenchCluster? cluster, ClusterConfiguration? baseline, ClusterLoadRun full)
    {
        string tiny = $"{collection}-tiny";
        log.Line($"-- the same load on {TinyPoints} points in {shards} shard(s): the cost of the request and its fan-out without the index --");
        var requests = await CreateSpreadAsync(client, tiny, shards, cluster);
        var points = new UpsertRequest { Collection = tiny, Wait = true };
        for (int row = 0; row < Math.Min(TinyPoints, inputs.Base.Count); row++)
            points.Points.Add(new Point { Id = (ulong)row, Vector = { inputs.Base.Row(row).ToArray() } });
        await client.UpsertPointsAsync(points, cancellationToken: cancellation);
        await WarmUpAsync(address, requests);
        var load = await MeasureLoadAsync(address, requests, full.Clients, baseline?.FanOut.TinyLoad is { } single ? [single] : null);
        var cost = FanOutCost.Of(full, load, shards, baseline);
        log.Line($"index CPU per search {cost.IndexCpuUs:F0} µs; fan-out CPU per shard call {(cost.CpuPerShardCallUs is { } hop ? $"{hop:F0} µs" : "–")}; with a free fan-out this set-up would reach {(cost.FreeFanOutCeiling is { } ceiling ? $"{ceiling:F2}×" : "–")} the single node");
        return cost;
    }

    private static double PerSearch(TimeSpan cpu, SearchLoadRun run) => run.Answered == 0 ? 0 : cpu.TotalMicroseconds / run.Answered;

    /// <summary>Each shard's points (by the cluster's routing of ids 0..N-1), folder bytes and holder.</summary>
    private ShardFigures[] PerShard(BenchCluster? cluster, string collection, int shards, long diskBytes)
    {
        if (cluster is null)
            return [new ShardFigures(0, inputs.Base.Count, diskBytes, null)];
        var points = new long[shards];
        for (int id = 0; id < inputs.Base.Count; id++)
            points[ShardRouting.ShardOf((ulong)id, shards)]++;
        var folders = ShardFolders.Of(cluster.DataDirectory, collection, shards);
        var holders = ShardBalance.Holders(cluster, collection, shards);
        return [.. Enumerable.Range(0, shards).Select(shard => new ShardFigures(shard, points[shard], folders.Length == 0 ? 0 : ShardFolders.DiskBytes(folders[shard]), holders[shard]))];
    }
}
