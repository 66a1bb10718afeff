using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Cluster.Evaluation;

/// <summary>Exact search of a sharded collection for the evaluation jobs, which run on threads of their own and wait for the shards.</summary>
internal static class ShardExactSearch
{
    /// <summary>Queries one call carries: a shard reads its records once per call, so as many as a scan page (8 MiB of 512-d queries).</summary>
    public const int QueriesPerCall = ShardedCollections.ScanPageSize;

    /// <summary>The exact top <paramref name="k"/> of each row of <paramref name="queries"/>, from every shard's exact search, merged; one call for all the rows.</summary>
    public static IReadOnlyList<SearchResponse> Run(ShardedCollections collections, string collection, ReadOnlySpan<float> queries, int dimension, int k)
    {
        var batch = new SearchBatchRequest();
        for (int q = 0; q < queries.Length / dimension; q++)
        {
            var search = new SearchRequest { Collection = collection, K = (uint)k };
            search.Vector.AddRange(queries.Slice(q * dimension, dimension).ToArray());
            batch.Searches.Add(search);
        }
        return collections.ExactSearchAsync(collection, batch).GetAwaiter().GetResult();
    }
}
