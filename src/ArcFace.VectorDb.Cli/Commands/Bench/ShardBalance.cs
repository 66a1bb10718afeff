using System.Diagnostics;
using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// Waits until a cluster collection's shards are spread as its placement wants: every shard held (live lease) by a
/// running silo, every silo holding its share, every probe answering, and, with more than one silo, all of that unchanged
/// for longer than a shard's rebalance period (so no move is still under way).
/// </summary>
internal static class ShardBalance
{
    /// <summary>Longer than a shard's rebalance check period (5 s).</summary>
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(6);

    /// <summary>Probes until balanced; returns the seconds it took, or throws when <paramref name="timeout"/> passes first.</summary>
    public static async Task<double> WaitAsync(BenchCluster cluster, Protos.VectorDb.VectorDbClient client, string collection, int shards, SearchRequest[] probes, TimeSpan timeout, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        Stopwatch? stable = null;
        string? stableHolders = null;
        while (true)
        {
            // Probes activate shards that are not active anywhere; a shard moving to its preferred silo activates there on the next call.
            int failures = await ProbeRound.FailuresAsync(client, probes, cancellation);
            var holders = Holders(cluster, collection, shards);
            string now = string.Join(",", holders);
            if (failures == 0 && IsBalanced(cluster, holders, shards))
            {
                if (stable is null || now != stableHolders)
                    (stable, stableHolders) = (Stopwatch.StartNew(), now);
                else if (cluster.Silos == 1 || stable.Elapsed > Settled)
                    return clock.Elapsed.TotalSeconds;
            }
            else
            {
                stable = null;
            }
            if (clock.Elapsed > timeout)
                throw new IOException($"The {shards} shards of '{collection}' were not spread over the {cluster.Silos} silos within {timeout.TotalSeconds:F0} s (holders by silo port: {string.Join(", ", holders.Select(port => port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"))}; {failures} of {probes.Length} probes failed).");
            await Task.Delay(250, cancellation);
        }
    }

    /// <summary>The silo port holding each shard's live lease (null: none).</summary>
    public static int?[] Holders(BenchCluster cluster, string collection, int shards)
    {
        var folders = ShardFolders.Of(cluster.DataDirectory, collection, shards);
        return folders.Length == 0 ? new int?[shards] : [.. folders.Select(ShardFolders.HolderPort)];
    }

    private static bool IsBalanced(BenchCluster cluster, int?[] holders, int shards)
    {
        var ports = Enumerable.Range(0, cluster.Silos).Select(cluster.SiloPort).ToArray();
        if (holders.Any(port => port is null || !ports.Contains(port.Value)))
            return false;
        var counts = ports.Select(port => holders.Count(holder => holder == port)).ToArray();
        return counts.Max() - counts.Min() <= 1 && counts.Sum() == shards;
    }
}
