using System.Diagnostics;
using ArcFace.VectorDb.Protos;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// One failover: the run's number, the killed silo's port and how many shards it held; seconds from the kill until a
/// whole round of probes answered OK (null: not within the give-up time, and no further runs were made), the probe
/// rounds and probes that failed before that; after the killed silo was
/// started again, seconds until it held its shards again and every probe answered (null after the last run, when it is
/// not restarted).
/// </summary>
internal sealed record FailoverRun(int Run, int KilledSiloPort, int ShardsOnKilledSilo, double? RecoveredSeconds, int FailedRounds, long FailedProbes, double? RebalanceSeconds);

/// <summary>Failover over all runs; the median is over the runs that recovered (null when none did).</summary>
internal sealed record FailoverReport(int Silos, int Shards, int Points, int Probes, double ProbeDeadlineSeconds, double GiveUpSeconds, double? MedianSeconds, IReadOnlyList<FailoverRun> Runs);

/// <summary>
/// Failover of a cluster: kill -9 of the last silo, then rounds of probe searches through silo 0 (each touches every
/// shard) until one round answers whole; the killed silo is started again between runs and its shards move back.
/// </summary>
internal static class ClusterFailover
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(90);

    /// <summary>Runs <paramref name="runs"/> kills of the last silo of <paramref name="cluster"/>.</summary>
    public static async Task<FailoverReport> RunAsync(BenchCluster cluster, string collection, int shards, int points, SearchRequest[] probes, int runs, ProgressLog log, CancellationToken cancellation)
    {
        using var channel = GrpcChannel.ForAddress(cluster.Address);
        var client = new Protos.VectorDb.VectorDbClient(channel);
        int victim = cluster.Silos - 1;
        var results = new List<FailoverRun>();
        for (int run = 1; run <= runs; run++)
        {
            int port = cluster.SiloPort(victim);
            int held = ShardBalance.Holders(cluster, collection, shards).Count(holder => holder == port);
            var clock = Stopwatch.StartNew();
            cluster.Kill(victim);
            int failedRounds = 0;
            long failedProbes = 0;
            double? recovered = null;
            while (clock.Elapsed < GiveUp)
            {
                int failures = await ProbeRound.FailuresAsync(client, probes, cancellation);
                if (failures == 0)
                {
                    recovered = clock.Elapsed.TotalSeconds;
                    break;
                }
                failedRounds++;
                failedProbes += failures;
                await Task.Delay(100, cancellation);
            }
            if (recovered is null)
            {
                log.Line($"failover {run}/{runs}: killed silo :{port} holding {held} of {shards} shards; searches still failed after {GiveUp.TotalSeconds:F0} s ({failedRounds} failed rounds): no further runs");
                results.Add(new FailoverRun(run, port, held, null, failedRounds, failedProbes, null));
                break;
            }
            log.Line($"failover {run}/{runs}: killed silo :{port} holding {held} of {shards} shards; every probe answered again after {recovered:F2} s ({failedRounds} failed rounds, {failedProbes} failed probes)");
            double? rebalance = null;
            if (run < runs)
            {
                var again = Stopwatch.StartNew();
                await cluster.StartSiloAsync(victim, cancellation);
                rebalance = again.Elapsed.TotalSeconds + await ShardBalance.WaitAsync(cluster, client, collection, shards, probes, GiveUp, cancellation);
                log.Line($"  silo :{port} restarted; its shards were back and answering after {rebalance:F2} s");
            }
            results.Add(new FailoverRun(run, port, held, recovered, failedRounds, failedProbes, rebalance));
        }
        var sorted = results.Where(r => r.RecoveredSeconds is not null).Select(r => r.RecoveredSeconds!.Value).Order().ToArray();
        double? median = sorted.Length == 0 ? null : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new FailoverReport(cluster.Silos, shards, points, probes.Length, ProbeRound.Deadline.TotalSeconds, GiveUp.TotalSeconds, median, results);
    }
}
