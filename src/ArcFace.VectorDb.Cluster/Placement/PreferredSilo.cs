using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Core.Hashing;

namespace ArcFace.VectorDb.Cluster.Placement;

/// <summary>
/// Where a shard belongs among the active silos: silos ordered by endpoint, shard i of a collection on silo
/// (h + i) mod n, h the FNV-1a hash of the collection's name (stable across processes). A collection's shards so spread round-robin, collections
/// start on different silos, and the same set of silos always gives the same answer (a restarted silo gets its shards back).
/// </summary>
public static class PreferredSilo
{
    /// <summary>The silo shard <paramref name="key"/> belongs on, or null when there is none.</summary>
    public static SiloAddress? For(ShardKey key, IEnumerable<SiloAddress> silos)
    {
        var ordered = silos.OrderBy(silo => silo.Endpoint.ToString(), StringComparer.Ordinal).ToList();
        return ordered.Count == 0 ? null : ordered[(int)((Fnv1a.Of(key.Collection) + (uint)key.Index) % (uint)ordered.Count)];
    }
}
