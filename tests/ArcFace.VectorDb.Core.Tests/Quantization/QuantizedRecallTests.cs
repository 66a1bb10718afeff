using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Core.Tests.Support;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Core.Tests.Quantization;

/// <summary>Brute-force top-10 by int8 score estimates against exact float top-10, before any re-ranking.</summary>
public class QuantizedRecallTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(128)]
    [InlineData(512)]
    public void Int8_estimates_find_at_least_90_percent_of_the_exact_top_10_on_clustered_unit_vectors(int dimension)
    {
        const int count = 4000, queries = 100, k = 10;
        var rows = ClusteredVectors.Generate(count + queries, dimension, clusters: 40, seed: dimension);
        var quantizer = ScalarQuantizer.Train(rows.AsSpan(0, count * dimension), dimension);
        var codes = new sbyte[count * dimension];
        for (int i = 0; i < count; i++)
            quantizer.Encode(rows.AsSpan(i * dimension, dimension), codes.AsSpan(i * dimension, dimension));

        double found = 0;
        var exact = new double[count];
        var estimated = new double[count];
        for (int q = 0; q < queries; q++)
        {
            var query = rows.AsSpan((count + q) * dimension, dimension);
            var prepared = quantizer.PrepareQuery(query);
            for (int i = 0; i < count; i++)
            {
                exact[i] = UnitVectors.Dot(query, rows.AsSpan(i * dimension, dimension));
                estimated[i] = prepared.Score(codes.AsSpan(i * dimension, dimension));
            }
            var truth = TopK(exact, k).ToHashSet();
            found += TopK(estimated, k).Count(truth.Contains);
        }
        double recall = found / (queries * k);
        output.WriteLine($"dimension {dimension}: int8 recall@10 = {recall:F3}");

        Assert.True(recall >= 0.9, $"recall@10 {recall:F3}");
    }

    private static IEnumerable<int> TopK(double[] scores, int k) =>
        Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Take(k);
}
