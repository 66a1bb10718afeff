using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Ingestion;

/// <summary>An ingest's sink that writes a collection: each write one group of log records, committed as <paramref name="durability"/> says, then the points' thumbnails.</summary>
public sealed class CollectionSink(VectorCollection collection, Durability durability = Durability.Durable) : IEmbeddingSink
{
    /// <summary>The collection written.</summary>
    public VectorCollection Collection => collection;

    /// <inheritdoc />
    public bool Contains(ulong id) => collection.Contains(id);

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<EmbeddedPoint> points, CancellationToken cancellation)
    {
        var (records, thumbnails) = EmbeddedRecords.Of(points);
        await collection.UpsertAsync(records, durability, cancellation);
        if (thumbnails.Count > 0)
            await collection.PutThumbnailsAsync(thumbnails, CancellationToken.None);
    }
}
