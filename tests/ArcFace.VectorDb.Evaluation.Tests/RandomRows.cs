using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Evaluation.Tests;

/// <summary>Seeded random unit vectors, bare or as labelled rows, for tests that need more points than a hand can rank.</summary>
internal static class RandomRows
{
    /// <summary>Row-major unit vectors.</summary>
    public static float[] UnitVectors(int count, int dim, int seed)
    {
        var random = new Random(seed);
        var rows = new float[count * dim];
        for (int r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * dim, dim);
            foreach (ref float x in row)
                x = (float)random.NextDouble() * 2 - 1;
            float sum = 0;
            foreach (float x in row)
                sum += x * x;
            float norm = MathF.Sqrt(sum);
            foreach (ref float x in row)
                x /= norm;
        }
        return rows;
    }

    /// <summary>Unit vectors where row i carries label "p{i % labels}" (none when <paramref name="unlabeledEvery"/> divides i + 1) and id <paramref name="id"/>(i).</summary>
    public static LabeledRows Labeled(int count, int dim, int labels, int seed, Func<int, ulong>? id = null, int unlabeledEvery = 0)
    {
        var labelLines = Enumerable.Range(0, count)
            .Select(i => unlabeledEvery > 0 && (i + 1) % unlabeledEvery == 0 ? Array.Empty<string>() : [$"p{i % labels}"])
            .ToArray();
        var ids = Enumerable.Range(0, count).Select(i => id?.Invoke(i) ?? (ulong)i).ToArray();
        return new LabeledRows(UnitVectors(count, dim, seed), dim, labelLines, ids);
    }
}
