namespace ArcFace.VectorDb.Core.Tests.Support;

/// <summary>Deterministic L2-normalised vectors in clusters, like face embeddings of a few identities each.</summary>
internal static class ClusteredVectors
{
    /// <summary>Row-major <paramref name="count"/>×<paramref name="dimension"/> unit vectors around <paramref name="clusters"/> random centres.</summary>
    public static float[] Generate(int count, int dimension, int clusters, int seed, float noise = 0.6f)
    {
        var random = new Random(seed);
        var centres = new float[clusters * dimension];
        for (int i = 0; i < centres.Length; i++)
            centres[i] = Gaussian(random);
        for (int c = 0; c < clusters; c++)
            Normalize(centres.AsSpan(c * dimension, dimension));
        float sigma = noise / MathF.Sqrt(dimension);
        var rows = new float[count * dimension];
        for (int i = 0; i < count; i++)
        {
            int c = random.Next(clusters);
            for (int j = 0; j < dimension; j++)
                rows[i * dimension + j] = centres[c * dimension + j] + sigma * Gaussian(random);
            Normalize(rows.AsSpan(i * dimension, dimension));
        }
        return rows;
    }

    /// <summary>Scales a vector to unit length in float64.</summary>
    public static void Normalize(Span<float> v)
    {
        double sum = 0;
        foreach (float x in v)
            sum += (double)x * x;
        float inverse = (float)(1.0 / Math.Sqrt(sum));
        for (int i = 0; i < v.Length; i++)
            v[i] *= inverse;
    }

    private static float Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
