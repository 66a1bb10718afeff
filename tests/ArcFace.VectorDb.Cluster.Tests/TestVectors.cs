using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>Seeded clustered vectors with labels, as API points, and exact cosine search over them.</summary>
internal sealed class TestVectors
{
    public TestVectors(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, 20).Select(_ => Gaussian(random, dimension, 1f)).ToArray();
        Rows = [.. Enumerable.Range(0, count).Select(i => Normalised(centres[i % centres.Length].Zip(Gaussian(random, dimension, 0.6f), (c, n) => c + n).ToArray()))];
        Dimension = dimension;
    }

    public float[][] Rows { get; }

    public int Dimension { get; }

    /// <summary>Point i: id i + 1, label "L(i mod 5)".</summary>
    public Point Point(int i)
    {
        var point = new Point { Id = (ulong)i + 1, Label = $"L{i % 5}", Source = $"row-{i}" };
        point.Vector.AddRange(Rows[i]);
        return point;
    }

    /// <summary>The ids of the exact top k of <paramref name="query"/>, optionally among one label.</summary>
    public ulong[] ExactTopK(float[] query, int k, string? label = null) =>
        [.. Enumerable.Range(0, Rows.Length).Where(i => label is null || $"L{i % 5}" == label)
            .Select(i => (Id: (ulong)i + 1, Score: Dot(query, Rows[i]))).OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Id).Take(k).Select(hit => hit.Id)];

    public static float[] Normalised(float[] vector)
    {
        float norm = MathF.Sqrt(Dot(vector, vector));
        return [.. vector.Select(x => x / norm)];
    }

    private static float Dot(float[] a, float[] b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    private static float[] Gaussian(Random random, int dimension, float scale) =>
        [.. Enumerable.Range(0, dimension).Select(_ => scale * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];
}
