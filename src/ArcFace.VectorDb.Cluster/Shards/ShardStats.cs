namespace ArcFace.VectorDb.Cluster.Shards;

/// <summary>What one shard holds and where it runs, for collection descriptions, `cluster status` and metrics.</summary>
[GenerateSerializer, Immutable, Alias("arcvdb.ShardStats")]
public sealed record ShardStats
{
    /// <summary>Live points.</summary>
    [Id(0)] public long Points { get; init; }

    /// <summary>Bytes on disk.</summary>
    [Id(1)] public long DiskBytes { get; init; }

    /// <summary>Bytes the index holds in memory.</summary>
    [Id(2)] public long IndexMemoryBytes { get; init; }

    /// <summary>Bytes of the re-rank file.</summary>
    [Id(3)] public long RerankBytes { get; init; }

    /// <summary>Points with a thumbnail.</summary>
    [Id(4)] public long Thumbnails { get; init; }

    /// <summary>Bytes of those thumbnails.</summary>
    [Id(5)] public long ThumbnailBytes { get; init; }

    /// <summary>The silo the shard is active on (host:port).</summary>
    [Id(6)] public string Silo { get; init; } = "";

    /// <summary>The lease epoch the shard writes under.</summary>
    [Id(7)] public long LeaseEpoch { get; init; }
}
