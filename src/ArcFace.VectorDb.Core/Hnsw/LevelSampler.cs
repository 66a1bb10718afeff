namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>Draws each node's top level from the exponential distribution floor(−ln U · 1/ln M), deterministically from the seed and the node index.</summary>
internal readonly struct LevelSampler(ulong seed, int m, int maxLevel)
{
    private readonly double multiplier = 1.0 / Math.Log(m);

    /// <summary>The top level of a node.</summary>
    public int LevelOf(int node)
    {
        ulong h = Mix(seed + 0x9E37_79B9_7F4A_7C15UL * (ulong)(node + 1));
        double u = ((h >> 11) + 1) * (1.0 / (1UL << 53));
        return Math.Min((int)(-Math.Log(u) * multiplier), maxLevel);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
