namespace ArcFace.VectorDb.Cluster.Shards;

/// <summary>Which shard holds a point: a 64-bit mix of its id, modulo the shard count (sequential ids spread evenly).</summary>
public static class ShardRouting
{
    /// <summary>The shard of point <paramref name="id"/> among <paramref name="shards"/>.</summary>
    public static int ShardOf(ulong id, int shards)
    {
        // The finaliser of SplitMix64: every input bit moves every output bit.
        ulong z = id + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z % (ulong)shards);
    }
}
