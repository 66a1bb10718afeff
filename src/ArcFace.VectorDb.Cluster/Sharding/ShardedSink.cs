using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Ingestion;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Services;

namespace ArcFace.VectorDb.Cluster.Sharding;

/// <summary>
/// An ingest's sink that writes a sharded collection: each write one durable upsert, split by shard, every point's
/// thumbnail going to its shard with it. A resumed ingest asks the point's shard whether it holds the id.
/// </summary>
internal sealed class ShardedSink(ShardedCollections collections, string name) : IEmbeddingSink
{
    /// <inheritdoc />
    public bool Contains(ulong id) =>
        // The pipeline asks one id at a time from its reading loop (off any request thread): a short blocking grain call.
        collections.ContainsAsync(name, [id]).GetAwaiter().GetResult()[0];

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<EmbeddedPoint> points, CancellationToken cancellation)
    {
        var (records, thumbnails) = EmbeddedRecords.Of(points);
        var request = new UpsertRequest { Collection = name, Wait = true };
        foreach (var record in records)
            request.Points.Add(record.ToProto());
        await collections.UpsertAsync(name, request, thumbnails);
    }
}
