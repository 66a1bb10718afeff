namespace ArcFace.VectorDb.Core.Tests.Quantization;

/// <summary>Deterministic random unit vectors, isotropic or with a per-dimension spread like learned embeddings.</summary>
internal static class UnitVectors
{
    /// <summary>Row-major <paramref name="count"/>×<paramref name="dimension"/> unit vectors; with anisotropy a, dimension d has spread exp(a·gᵈ), gᵈ a fixed Gaussian.</summary>
    public static float[] Generate(int count, int dimension, int seed, double anisotropy = 0)
    {
        var spreadRandom = new Random(12345 + dimension);
        var spread = new double[dimension];
        for (int d = 0; d < dimension; d++)
            spread[d] = Math.Exp(anisotropy * Gaussian(spreadRandom));
        var random = new Random(seed);
        var rows = new float[count * dimension];
        for (int i = 0; i < count; i++)
        {
            double sum = 0;
            for (int d = 0; d < dimension; d++)
            {
                double x = spread[d] * Gaussian(random);
                rows[i * dimension + d] = (float)x;
                sum += x * x;
            }
            float inverse = (float)(1 / Math.Sqrt(sum));
            for (int d = 0; d < dimension; d++)
                rows[i * dimension + d] *= inverse;
        }
        return rows;
    }

    /// <summary>Σ aᵢbᵢ in float64.</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += (double)a[i] * b[i];
        return sum;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
