using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Flat;
using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Tests.Support;

/// <summary>Helpers over row-major vector arrays.</summary>
internal static class Rows
{
    /// <summary>Each row as its own array.</summary>
    public static IEnumerable<float[]> Split(float[] rows, int dimension)
    {
        for (int i = 0; i < rows.Length / dimension; i++)
            yield return rows.AsSpan(i * dimension, dimension).ToArray();
    }

    /// <summary>Exact top-k of every query over rows with ids 0..n-1.</summary>
    public static List<SearchHit[]> ExactTopK(float[] rows, float[] queries, int dimension, Metric metric, int k)
    {
        var flat = new FlatIndex(dimension, metric);
        flat.AddRange(rows);
        return [.. flat.SearchBatch(queries, k)];
    }
}
