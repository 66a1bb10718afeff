namespace ArcFace.VectorDb.Cluster.Shards;

/// <summary>
/// One shard of a sharded collection: an ordinary collection (FASTER log, HNSW, snapshots) in its own folder on the
/// shared data folder, written only under its lease. Requests and answers are the API's own protobuf messages, as bytes.
/// Key: <see cref="ShardKey"/>.
/// </summary>
[Alias("arcvdb.IShardGrain")]
public interface IShardGrain : IGrainWithStringKey
{
    /// <summary>Writes the points of an UpsertRequest (all of them this shard's); returns how many.</summary>
    [Alias("Upsert")]
    Task<int> Upsert(byte[] upsertRequest);

    /// <summary>Deletes the ids (all of them this shard's); returns how many existed.</summary>
    [Alias("Delete")]
    Task<int> Delete(ulong[] ids, bool wait);

    /// <summary>The stored points of the ids this shard holds, as a GetResponse.</summary>
    [Alias("GetPoints")]
    Task<byte[]> GetPoints(ulong[] ids, bool withVectors);

    /// <summary>This shard's hits for each search of a SearchBatchRequest, as a SearchBatchResponse.</summary>
    [Alias("Search")]
    Task<byte[]> Search(byte[] searchBatchRequest);

    /// <summary>What the shard holds and where it runs.</summary>
    [Alias("Stats")]
    Task<ShardStats> Stats();

    /// <summary>Closes the shard for good (its collection was dropped): later calls are NOT_FOUND.</summary>
    [Alias("Drop")]
    Task Drop();

    /// <summary>As <see cref="Upsert"/>, then stores the thumbnails of those points (ids and JPEGs pairwise) beside them.</summary>
    [Alias("UpsertWithThumbnails")]
    Task<int> UpsertWithThumbnails(byte[] upsertRequest, ulong[] thumbnailIds, byte[][] thumbnails);

    /// <summary>Whether each id is live in this shard.</summary>
    [Alias("Contains")]
    Task<bool[]> Contains(ulong[] ids);

    /// <summary>The thumbnail JPEG of a point of this shard, or null when it has none.</summary>
    [Alias("GetThumbnail")]
    Task<byte[]?> GetThumbnail(ulong id);

    /// <summary>Exact (flat) top k of each search of a SearchBatchRequest (vector and k only, compared as given) over this shard's live points, as a SearchBatchResponse of ids and scores.</summary>
    [Alias("ExactSearch")]
    Task<byte[]> ExactSearch(byte[] searchBatchRequest);

    /// <summary>Up to <paramref name="limit"/> live points with ids from <paramref name="fromId"/> on, in id order, as a GetResponse (their vectors only when asked).</summary>
    [Alias("ScanPage")]
    Task<byte[]> ScanPage(ulong fromId, int limit, bool withVectors);

    /// <summary>Up to <paramref name="limit"/> live ids from <paramref name="fromId"/> on, ascending, without their records.</summary>
    [Alias("LiveIds")]
    Task<ulong[]> LiveIds(ulong fromId, int limit);
}
