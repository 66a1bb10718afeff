using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Flat;
using ArcFace.VectorDb.Core.Tests.Support;

namespace ArcFace.VectorDb.Core.Tests.Flat;

public class FlatIndexTests
{
    [Theory]
    [InlineData(Metric.InnerProduct, 1)]
    [InlineData(Metric.InnerProduct, 4)]
    [InlineData(Metric.L2, 2)]
    public void SearchBatch_matches_a_naive_sort_of_all_scores(Metric metric, int threads)
    {
        const int dim = 37, n = 1500, queries = 70, k = 13;
        var rows = ClusteredVectors.Generate(n, dim, clusters: 20, seed: 1);
        var queryRows = ClusteredVectors.Generate(queries, dim, clusters: 20, seed: 2);
        var index = new FlatIndex(dim, metric);
        index.AddRange(rows, firstId: 100);

        var results = index.SearchBatch(queryRows, k, threads);

        for (int q = 0; q < queries; q++)
        {
            var query = queryRows.AsSpan(q * dim, dim).ToArray();
            var expected = Enumerable.Range(0, n)
                .Select(i => (Id: 100UL + (ulong)i, Score: NaiveScore(metric, query, rows.AsSpan(i * dim, dim).ToArray())))
                .OrderByDescending(x => x.Score)
                .Take(k)
                .ToArray();
            Assert.Equal(expected.Select(e => e.Id), results[q].Select(h => h.Id));
            for (int i = 0; i < k; i++)
                Assert.Equal(expected[i].Score, results[q][i].Score, tolerance: 1e-4);
        }
    }

    [Fact]
    public void Search_returns_everything_when_k_exceeds_the_count()
    {
        var index = new FlatIndex(3);
        index.Add(7, [1, 0, 0]);
        index.Add(8, [0, 1, 0]);
        var hits = index.Search([1, 0, 0], k: 10);
        Assert.Equal([7UL, 8UL], hits.Select(h => h.Id));
    }

    [Fact]
    public void Add_rejects_a_vector_of_the_wrong_dimension()
    {
        var index = new FlatIndex(3);
        var error = Assert.Throws<ArgumentException>(() => index.Add(1, [1, 2]));
        Assert.Contains("2 components", error.Message);
    }

    [Fact]
    public void An_index_over_existing_arrays_answers_as_a_copied_one_and_a_later_add_leaves_the_arrays_alone()
    {
        const int dim = 24, n = 600;
        var rows = ClusteredVectors.Generate(n, dim, clusters: 12, seed: 3);
        var ids = Enumerable.Range(0, n).Select(i => 1000UL + (ulong)(n - i)).ToArray();
        var copied = new FlatIndex(dim);
        for (int i = 0; i < n; i++)
            copied.Add(ids[i], rows.AsSpan(i * dim, dim));
        var rowsBefore = (float[])rows.Clone();

        var over = FlatIndex.Over(rows, ids, dim);
        var queries = ClusteredVectors.Generate(20, dim, clusters: 12, seed: 4);
        Assert.Equal(copied.SearchBatch(queries, 7).Select(h => h.Select(x => x.Id)), over.SearchBatch(queries, 7).Select(h => h.Select(x => x.Id)));

        over.Add(5, queries.AsSpan(0, dim));
        Assert.Equal(n + 1, over.Count);
        Assert.Equal(5UL, over.Search(queries.AsSpan(0, dim), 1)[0].Id);
        Assert.Equal(rowsBefore, rows);
        Assert.Equal(n, ids.Length);
        Assert.Contains("not 10 vectors of 24", Assert.Throws<ArgumentException>(() => FlatIndex.Over(new float[24 * 9], new ulong[10], dim)).Message);
    }

    /// <summary>The score as the API defines it: the dot product, or the negated squared Euclidean distance (higher is nearer either way).</summary>
    private static double NaiveScore(Metric metric, float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += metric == Metric.InnerProduct ? (double)a[i] * b[i] : -((double)a[i] - b[i]) * ((double)a[i] - b[i]);
        return sum;
    }
}
