namespace ArcFace.VectorDb.Cluster.Shards;

/// <summary>How shards look after their data on a silo.</summary>
public sealed record ShardOptions
{
    /// <summary>
    /// A shard written to and then left alone this long writes an index snapshot, so that a failover or a move opens
    /// it from the snapshot instead of replaying its log (a bulk load leaves up to 100,000 records unsnapshotted otherwise).
    /// </summary>
    public TimeSpan IdleSnapshotAfter { get; init; } = TimeSpan.FromSeconds(30);
}
