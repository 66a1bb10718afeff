using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Cluster.Sharding;

/// <summary>The global top k of one query from each shard's top k: highest score first, ties by id (as one index orders them).</summary>
internal static class HitMerge
{
    /// <summary>The best <paramref name="k"/> of the shards' hits.</summary>
    public static SearchResponse TopK(IEnumerable<SearchResponse> perShard, int k)
    {
        var merged = new SearchResponse();
        merged.Hits.AddRange(perShard.SelectMany(response => response.Hits).OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Id).Take(k));
        return merged;
    }
}
