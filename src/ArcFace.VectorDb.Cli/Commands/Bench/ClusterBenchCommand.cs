using System.CommandLine;
using ArcFace.VectorDb.Cli.Data;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench cluster`: search QPS, recall, sizes and failover of sharded clusters next to a single node.</summary>
internal static class ClusterBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dataset = new Option<DirectoryInfo>("--dataset") { Description = $"A folder as `bench make-data` writes it: {BenchDatasetFiles.Base}, {BenchDatasetFiles.Queries} and {BenchDatasetFiles.GroundTruth} (instead of --base, --query, --gt)." }.AcceptExistingOnly();
        var baseFile = new Option<FileInfo?>("--base") { Description = "Vectors to load (.fvecs, .bvecs or .npy)." };
        var queryFile = new Option<FileInfo?>("--query") { Description = "Query vectors." };
        var truthFile = new Option<FileInfo?>("--gt") { Description = "Exact neighbour row numbers per query (.ivecs or .npy); computed by exact search when omitted or when --limit is given." };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N base vectors (ground truth is then computed)." };
        var clients = ListOption.OfPositiveInts("--clients", "Concurrent search clients per load level", [1, 8, 32]);
        var seconds = new Option<double>("--seconds") { Description = "Seconds per load level.", DefaultValueFactory = _ => 10 }.StrictlyBetween(0, 3600);
        var k = new Option<int>("--k", "-k") { Description = "Results per search (and the k of recall@k).", DefaultValueFactory = _ => 10 }.Between(1, 1000);
        var ef = new Option<int>("--ef") { Description = "Candidate list size of the search load.", DefaultValueFactory = _ => 64 }.Between(1, 100_000);
        var recallEfs = ListOption.OfPositiveInts("--recall-ef", "Candidate list sizes recall is measured at", [64, 128]);
        var recallQueries = new Option<int>("--recall-queries") { Description = "Queries (the first N) recall is measured over.", DefaultValueFactory = _ => 2000 }.AtLeast(1);
        var failoverRuns = new Option<int>("--failover-runs") { Description = "Kills of one silo of the 3-silo cluster (the median is reported; 0 skips failover).", DefaultValueFactory = _ => 3 }.Between(0, 100);
        var redis = new Option<string>("--redis") { Description = "Redis for cluster membership: HOST:PORT of a running one, or auto to start redis-server on a free loopback port (and stop it at the end).", DefaultValueFactory = _ => "auto" };
        var work = new Option<DirectoryInfo>("--work-dir") { Description = "Where the servers' databases and logs go (deleted afterwards; kept when the run fails).", DefaultValueFactory = _ => new DirectoryInfo(Path.GetTempPath()) };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write cluster.json and cluster.md into (created if needed); the JSON is printed on stdout too.", Required = true };
        var command = new Command("cluster",
            "Load one vector set through gRPC (durable Upsert stream) into a single node, a 1-silo cluster with 1, 4 and 8 shards and a 3-silo cluster with 6 shards, " +
            "each server its own `arcvdb serve` process on loopback; measure search QPS, p50/p99 and CPU per search (servers and load generator) at each client count, " +
            "recall@k at each recall ef, load time, points, index memory and disk per shard, and the same load on a 64-point collection of the same shards (what the " +
            "request and its fan-out cost without the index); then kill -9 one silo of the 3-silo cluster and time until searches answer again. " +
            "Takes about 10 minutes on 100k × 512 on 2 cores.")
        {
            dataset, baseFile, queryFile, truthFile, limit, clients, seconds, k, ef, recallEfs, recallQueries, failoverRuns, redis, work, output,
        };
        command.Validators.Add(result =>
        {
            bool folder = result.GetResult(dataset) is not null;
            bool files = result.GetResult(baseFile) is not null || result.GetResult(queryFile) is not null || result.GetResult(truthFile) is not null;
            if (folder == files)
                result.AddError("Give --dataset DIR, or --base and --query (and optionally --gt), not both.");
            else if (files && (result.GetResult(baseFile) is null || result.GetResult(queryFile) is null))
                result.AddError("--base and --query go together.");
            if (result.GetValue(limit) is < 1)
                result.AddError($"--limit must be at least 1; got {result.GetValue(limit)}.");
        });
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            DirectoryInfo? folder = result.GetValue(dataset);
            FileInfo In(string name) => new(Path.Combine(folder!.FullName, name));
            // A folder without gt.ivecs gets exact ground truth computed; a --gt named on the command line must be there.
            var truth = folder is null ? result.GetValue(truthFile) : In(BenchDatasetFiles.GroundTruth) is { Exists: true } found ? found : null;
            string redisValue = result.GetValue(redis)!;
            var settings = new ClusterBenchSettings(
                folder is null ? result.GetValue(baseFile)! : In(BenchDatasetFiles.Base), folder is null ? result.GetValue(queryFile)! : In(BenchDatasetFiles.Queries),
                truth, result.GetValue(limit), result.GetValue(clients)!, result.GetValue(seconds), result.GetValue(k), result.GetValue(ef),
                result.GetValue(recallEfs)!, result.GetValue(recallQueries), result.GetValue(failoverRuns),
                string.Equals(redisValue, "auto", StringComparison.OrdinalIgnoreCase) ? null : redisValue.Replace("redis://", "", StringComparison.OrdinalIgnoreCase).TrimEnd('/'),
                result.GetValue(work)!, result.GetValue(output)!);
            var report = await ClusterBench.RunAsync(settings, log, cancellation);
            Directory.CreateDirectory(settings.Out.FullName);
            ReportJson.Emit(result, report, new FileInfo(Path.Combine(settings.Out.FullName, "cluster.json")));
            File.WriteAllText(Path.Combine(settings.Out.FullName, "cluster.md"), ClusterBenchMarkdown.Render(report));
            log.Line($"wrote {Path.Combine(settings.Out.FullName, "cluster.json")} and cluster.md");
            return 0;
        }));
        return command;
    }
}
