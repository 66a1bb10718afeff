using ArcFace.VectorDb.Cluster.Catalog;
using ArcFace.VectorDb.Cluster.Leases;
using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Protos;
using Grpc.Core;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>One writer per shard, enforced by its lease even when a second activation appears.</summary>
public sealed partial class ShardedCollectionTests
{
    [Fact]
    public async Task A_forced_second_activation_stops_the_first_whose_writes_then_fail_cleanly_and_land_nowhere()
    {
        var collections = cluster.Collections;
        var entry = collections.Create(Settings("fenced"), shards: 1);
        Assert.Equal(100, await collections.UpsertAsync("fenced", Points(0, 100)));
        string folder = new ClusterCatalog(cluster.DataDirectory).ShardDirectory(entry, 0);

        // What a second activation after a partition does first: take the folder's lease, by force.
        var taking = ShardLease.AcquireAsync(folder, "second activation", TimeSpan.FromSeconds(30), force: true);
        await Task.Delay(200);
        var refused = await Assert.ThrowsAsync<ShardCallException>(() => collections.UpsertAsync("fenced", Points(100, 200)));
        Assert.Equal(StatusCode.Unavailable, refused.Code);
        Assert.Contains("lease", refused.Message, StringComparison.Ordinal);

        // The second holder waits out the first one's lease before it may write; then it goes away, releasing it.
        using (var second = await taking)
            second.EnsureHeld();

        // The next activation recovers from the log: the refused batch is nowhere, the acknowledged one all there.
        Assert.Equal(100ul, (await collections.DescribeAsync("fenced")).Count);
        Assert.Equal(100, await collections.UpsertAsync("fenced", Points(100, 200)));
        Assert.Equal(200ul, (await collections.DescribeAsync("fenced")).Count);
        Assert.True((await collections.StatsAsync("fenced"))[0].LeaseEpoch > 2);
    }

    [Fact]
    public async Task A_shard_left_alone_after_writes_snapshots_so_a_move_opens_without_replaying_its_log()
    {
        var collections = cluster.Collections;
        var entry = collections.Create(Settings("idle"), shards: 2);
        Assert.Equal(300, await collections.UpsertAsync("idle", Points(0, 300)));
        var catalog = new ClusterCatalog(cluster.DataDirectory);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!Enumerable.Range(0, 2).All(shard => Directory.EnumerateFiles(catalog.ShardDirectory(entry, shard), "index-*.hnsw", SearchOption.AllDirectories).Any()))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "no snapshot 15 s after the last write, with shards set to snapshot after 1 s idle");
            await Task.Delay(100);
        }
    }

    private static UpsertRequest Points(int from, int to)
    {
        var request = new UpsertRequest { Wait = true };
        request.Points.AddRange(Enumerable.Range(from, to - from).Select(Vectors.Point));
        return request;
    }
}
