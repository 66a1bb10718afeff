using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cluster.Evaluation;

/// <summary>
/// A sharded collection as a retrieval gallery and as retrieval queries, its vectors left on the shards: the silo running
/// the job holds each point's id and label (in id order, a point's gallery and query index being its position), ranks
/// a block of queries by the shards' exact search, merged, and reads the queries one page of one shard at a time.
/// </summary>
internal sealed class ShardedRetrievalRows : IRetrievalGallery, IRetrievalQueries
{
    private readonly ShardedCollections collections;
    private readonly CollectionSettings settings;
    private readonly int shards;
    private readonly ulong[] ids;
    private readonly string[][] labels;

    private ShardedRetrievalRows(ShardedCollections collections, CollectionSettings settings, int shards, ulong[] ids, string[][] labels)
    {
        (this.collections, this.settings, this.shards, this.ids, this.labels) = (collections, settings, shards, ids, labels);
    }

    /// <summary>Lists the ids and labels of the live points of <paramref name="settings"/>' collection, over its <paramref name="shards"/> shards.</summary>
    public static ShardedRetrievalRows Read(ShardedCollections collections, CollectionSettings settings, int shards, CancellationToken cancellation)
    {
        var points = collections.LabelsAsync(settings.Name, cancellation).GetAwaiter().GetResult();
        var ids = new ulong[points.Length];
        var labels = new string[points.Length][];
        // Points of one label share one array: a gallery holds many points per person.
        var shared = new Dictionary<string, string[]>(StringComparer.Ordinal) { [""] = [] };
        for (int i = 0; i < points.Length; i++)
        {
            ids[i] = points[i].Id;
            string label = points[i].Label;
            if (!shared.TryGetValue(label, out var set))
                shared[label] = set = [label];
            labels[i] = set;
        }
        return new ShardedRetrievalRows(collections, settings, shards, ids, labels);
    }

    /// <inheritdoc cref="IRetrievalGallery.Count" />
    public int Count => ids.Length;

    /// <inheritdoc cref="IRetrievalGallery.Dimension" />
    public int Dimension => settings.Dimension;

    /// <inheritdoc />
    public IReadOnlyList<string[]> Labels => labels;

    /// <inheritdoc />
    public int IndexOf(ulong id) => Array.BinarySearch(ids, id) is int index and >= 0 ? index : -1;

    /// <inheritdoc />
    /// <remarks>One exact search of every shard for the whole block; a point written after the listing does not rank (−1).</remarks>
    public void RankExact(ReadOnlySpan<float> queries, int width, int threads, Span<int> ranked)
    {
        var answers = ShardExactSearch.Run(collections, settings.Name, queries, Dimension, width);
        for (int q = 0; q < answers.Count; q++)
        {
            var hits = answers[q].Hits;
            var row = ranked.Slice(q * width, width);
            for (int j = 0; j < width; j++)
                row[j] = j < hits.Count ? IndexOf(hits[j].Id) : -1;
        }
    }

    /// <inheritdoc />
    /// <remarks>A block is one page of one shard; a point written after the listing is not a query, one deleted since is a miss.</remarks>
    public IEnumerable<RetrievalQueryBlock> Blocks(CancellationToken cancellation)
    {
        for (int shard = 0; shard < shards; shard++)
        {
            for (ulong? from = 0; from is { } start;)
            {
                cancellation.ThrowIfCancellationRequested();
                var page = collections.ScanShardPageAsync(settings.Name, shard, start, ShardExactSearch.QueriesPerCall).GetAwaiter().GetResult();
                var listed = page.Select(point => (Point: point, Index: IndexOf(point.Id))).Where(query => query.Index >= 0).ToArray();
                if (listed.Length > 0)
                {
                    var vectors = new float[listed.Length * Dimension];
                    for (int i = 0; i < listed.Length; i++)
                        listed[i].Point.Vector.CopyTo(vectors, i * Dimension);
                    yield return new RetrievalQueryBlock([.. listed.Select(query => query.Index)], vectors, [.. listed.Select(query => labels[query.Index])]);
                }
                from = IdPages.NextFrom(page, ShardExactSearch.QueriesPerCall, point => point.Id);
            }
        }
    }
}
