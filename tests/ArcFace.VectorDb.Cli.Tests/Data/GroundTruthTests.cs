using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Cli.Tests.Data;

public class GroundTruthTests
{
    private static VectorSet RandomSet(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var data = new float[count * dimension];
        for (int i = 0; i < data.Length; i++)
            data[i] = (float)(random.NextDouble() * 2 - 1);
        return new VectorSet(data, dimension);
    }

    private static int[] NaiveTopK(VectorSet baseSet, ReadOnlySpan<float> query, int k)
    {
        var scores = new double[baseSet.Count];
        for (int i = 0; i < baseSet.Count; i++)
        {
            var row = baseSet.Row(i);
            for (int j = 0; j < row.Length; j++)
                scores[i] += (double)row[j] * query[j];
        }
        var order = new int[baseSet.Count];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]));
        return order[..k];
    }

    [Fact]
    public void ExactTopK_EqualsANaiveSortOfInnerProducts()
    {
        var baseSet = RandomSet(300, 16, seed: 1);
        var queries = RandomSet(25, 16, seed: 2);

        var gt = GroundTruth.Compute(baseSet, queries, k: 10);

        Assert.Equal(25, gt.Count);
        Assert.Equal(10, gt.Width);
        for (int q = 0; q < queries.Count; q++)
            Assert.Equal(NaiveTopK(baseSet, queries.Row(q), 10), gt.Row(q).ToArray());
    }

    [Fact]
    public void Width_IsCappedAtTheBaseCount()
    {
        var gt = GroundTruth.Compute(RandomSet(3, 4, seed: 1), RandomSet(2, 4, seed: 2), k: 10);

        Assert.Equal(3, gt.Width);
    }

    [Fact]
    public void QueriesOfAnotherDimension_AreRejected() =>
        Assert.Throws<ArgumentException>(() => GroundTruth.Compute(RandomSet(3, 4, seed: 1), RandomSet(2, 5, seed: 2), k: 1));
}
