using System.Collections.Concurrent;

namespace ArcFace.VectorDb.Cluster.Shards;

/// <summary>The shards active on this silo, each with a way to measure it now: what the silo's metrics export.</summary>
public sealed class LocalShards
{
    private readonly ConcurrentDictionary<ShardKey, Func<ShardStats?>> active = new();

    /// <summary>Counts a shard activated here.</summary>
    public void Add(ShardKey shard, Func<ShardStats?> measure) => active[shard] = measure;

    /// <summary>Forgets a shard that left (deactivated, moved, dropped).</summary>
    public void Remove(ShardKey shard) => active.TryRemove(shard, out _);

    /// <summary>Each active shard's figures now (shards closing meanwhile are left out).</summary>
    public IReadOnlyList<(ShardKey Shard, ShardStats Stats)> Measure() =>
        [.. active.Select(entry => (entry.Key, Stats: entry.Value())).Where(entry => entry.Stats is not null).Select(entry => (entry.Key, entry.Stats!))];
}
