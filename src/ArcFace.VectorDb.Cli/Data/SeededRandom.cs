namespace ArcFace.VectorDb.Cli.Data;

/// <summary>
/// A SplitMix64 generator with Box–Muller normals. Each (seed, stream, index) gets its own generator, so data made row by row
/// in parallel is the same for a seed whatever the thread count.
/// </summary>
internal struct SeededRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15;

    private ulong state;
    private double spare;
    private bool hasSpare;

    /// <summary>The generator for item <paramref name="index"/> of stream <paramref name="stream"/> under <paramref name="seed"/>.</summary>
    public static SeededRandom For(ulong seed, ulong stream, long index) =>
        new() { state = Mix(seed ^ Mix((stream * Golden) + (ulong)index)) };

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        state += Golden;
        return Mix(state);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>).</summary>
    public int NextInt(int bound) => (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);

    /// <summary>A standard normal sample (Box–Muller; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spare;
        }
        double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        double angle = 2.0 * Math.PI * NextDouble();
        spare = radius * Math.Sin(angle);
        hasSpare = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>Fills <paramref name="target"/> with independent standard normal samples.</summary>
    public void FillGaussian(Span<float> target)
    {
        for (int i = 0; i < target.Length; i++)
            target[i] = (float)NextGaussian();
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
