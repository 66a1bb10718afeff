using ArcFace.VectorDb.Cluster.Leases;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>The lease on a shard folder: one holder at a time, takers wait out a live lease, a forced take stops the holder at once.</summary>
public sealed class ShardLeaseTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_second_taker_waits_while_the_lease_is_live_and_gets_it_once_released()
    {
        using var shard = new TempDirectory();
        var first = await ShardLease.AcquireAsync(shard.Path, "first", ShardLease.DefaultDuration);
        using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ShardLease.AcquireAsync(shard.Path, "second", Short, cancellation: patience.Token));
        first.EnsureHeld();

        first.Dispose();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var second = await ShardLease.AcquireAsync(shard.Path, "second", Short);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"a released lease was taken after {clock.Elapsed}");
        Assert.Equal(first.Epoch + 1, second.Epoch);
        Assert.Throws<LeaseLostException>(first.EnsureHeld);
    }

    [Fact]
    public async Task An_expired_lease_is_taken_and_its_old_holder_can_neither_write_nor_renew()
    {
        using var shard = new TempDirectory();
        var stale = await ShardLease.AcquireAsync(shard.Path, "stale", Short);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var next = await ShardLease.AcquireAsync(shard.Path, "next", Short);
        Assert.True(clock.Elapsed >= Short - TimeSpan.FromMilliseconds(300), $"taken after {clock.Elapsed}, before the old lease ran out");
        Assert.Throws<LeaseLostException>(stale.EnsureHeld);
        Assert.Throws<LeaseLostException>(stale.Renew);
        next.Renew();
        next.EnsureHeld();
    }

    [Fact]
    public async Task A_forced_take_stops_the_holder_at_once_and_waits_out_its_lease_before_it_returns()
    {
        using var shard = new TempDirectory();
        var holder = await ShardLease.AcquireAsync(shard.Path, "holder", Short);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var taking = ShardLease.AcquireAsync(shard.Path, "forced", Short, force: true);
        // The next epoch appears at once: the holder's very next write check fails, long before its lease would end.
        await WaitUntil(() => Throws(holder.EnsureHeld), TimeSpan.FromSeconds(1));
        Assert.False(taking.IsCompleted);
        using var forced = await taking;
        Assert.True(clock.Elapsed >= Short - TimeSpan.FromMilliseconds(300), $"the forced taker returned after {clock.Elapsed}, inside the old holder's lease");
        forced.EnsureHeld();
        Assert.Throws<LeaseLostException>(holder.Renew);
    }

    [Fact]
    public async Task Of_many_concurrent_takers_of_a_free_lease_exactly_one_wins_the_epoch()
    {
        using var shard = new TempDirectory();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var takers = Enumerable.Range(0, 8).Select(i => Task.Run(() => ShardLease.AcquireAsync(shard.Path, $"taker-{i}", TimeSpan.FromSeconds(30), cancellation: patience.Token))).ToArray();
        await Task.WhenAll(takers.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        var winners = takers.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
        Assert.Single(winners);
        Assert.Equal(1, winners[0].Epoch);
        winners[0].Dispose();
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (LeaseLostException)
        {
            return true;
        }
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, $"not within {limit}");
            await Task.Delay(20);
        }
    }
}
