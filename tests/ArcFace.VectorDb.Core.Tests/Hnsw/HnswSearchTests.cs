using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Flat;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Core.Tests.Support;

namespace ArcFace.VectorDb.Core.Tests.Hnsw;

public class HnswSearchTests
{
    private const int Dim = 128;

    [Fact]
    public void Recall_at_10_is_at_least_0_95_against_exact_search_on_5k_clustered_vectors_at_ef_128()
    {
        var rows = ClusteredVectors.Generate(5000, Dim, clusters: 500, seed: 11);
        var queries = ClusteredVectors.Generate(200, Dim, clusters: 500, seed: 11 + 1);
        using var index = new HnswIndex(Dim);
        index.UpsertRange(rows, maxThreads: 2);
        var exact = Rows.ExactTopK(rows, queries, Dim, Metric.InnerProduct, 10);

        var approximate = Rows.Split(queries, Dim).Select(q => index.Search(q, 10, ef: 128)).ToList();

        double recall = Recall.AtK(approximate, exact, 10);
        Assert.True(recall >= 0.95, $"recall@10 = {recall:F4}");
        Assert.Equal(5000, index.Count);
    }

    [Theory]
    [InlineData(Metric.InnerProduct, HnswLayout.Interleaved)]
    [InlineData(Metric.L2, HnswLayout.Separate)]
    public void Results_are_sorted_best_first_unique_and_scored_by_the_metric(Metric metric, HnswLayout layout)
    {
        var rows = ClusteredVectors.Generate(2000, 16, clusters: 50, seed: 3);
        using var index = new HnswIndex(16, new HnswOptions { Metric = metric, Layout = layout, M = 8, EfConstruction = 64 });
        index.UpsertRange(rows);

        foreach (var query in Rows.Split(ClusteredVectors.Generate(50, 16, clusters: 50, seed: 4), 16))
        {
            var hits = index.Search(query, 20, ef: 40);
            Assert.Equal(20, hits.Length);
            IndexAssert.SortedAndUnique(hits);
            var stored = new float[16];
            Assert.True(index.TryGetVector(hits[0].Id, stored));
            float expected = metric == Metric.InnerProduct ? DotProduct.Compute(query, stored) : -SquaredEuclidean.Compute(query, stored);
            Assert.Equal(expected, hits[0].Score, tolerance: 1e-4);
        }
    }

    [Fact]
    public void Deleted_ids_are_never_returned_while_recall_over_the_live_ones_stays_high()
    {
        var rows = ClusteredVectors.Generate(3000, 32, clusters: 300, seed: 5);
        var queries = ClusteredVectors.Generate(100, 32, clusters: 300, seed: 6);
        using var index = new HnswIndex(32);
        index.UpsertRange(rows);
        for (ulong id = 0; id < 3000; id += 2)
            Assert.True(index.Delete(id));
        Assert.False(index.Delete(0));
        Assert.False(index.Delete(999_999));
        Assert.Equal(1500, index.Count);
        Assert.Equal(1500, index.TombstoneCount);

        var live = new FlatIndex(32);
        for (int i = 1; i < 3000; i += 2)
            live.Add((ulong)i, rows.AsSpan(i * 32, 32));
        var exact = live.SearchBatch(queries, 10);
        var approximate = Rows.Split(queries, 32).Select(q => index.Search(q, 10, ef: 100)).ToList();

        Assert.All(approximate.SelectMany(h => h), hit => Assert.True(hit.Id % 2 == 1, $"deleted id {hit.Id} returned"));
        Assert.True(Recall.AtK(approximate, exact, 10) >= 0.95);
        Assert.False(index.Contains(0));
        Assert.False(index.TryGetVector(0, new float[32]));
    }

    [Fact]
    public void Upsert_of_an_existing_id_replaces_its_vector_everywhere()
    {
        var rows = ClusteredVectors.Generate(1000, 24, clusters: 100, seed: 7);
        using var index = new HnswIndex(24);
        index.UpsertRange(rows);
        var oldVector = rows.AsSpan(42 * 24, 24).ToArray();
        var newVector = ClusteredVectors.Generate(1, 24, clusters: 1, seed: 99);

        Assert.True(index.Upsert(42, newVector));

        Assert.Equal(1000, index.Count);
        var stored = new float[24];
        Assert.True(index.TryGetVector(42, stored));
        Assert.Equal(newVector, stored);
        var top = index.Search(newVector, 1, ef: 64)[0];
        Assert.Equal(42UL, top.Id);
        Assert.Equal(1f, top.Score, tolerance: 1e-4);
        var aroundOld = index.Search(oldVector, 10, ef: 64);
        Assert.DoesNotContain(aroundOld, h => h.Id == 42 && Math.Abs(h.Score - 1f) < 1e-4);
        Assert.False(index.Upsert(5000, newVector));
        Assert.Equal(1001, index.Count);
    }

    [Fact]
    public void Filter_is_honoured_and_the_search_continues_until_k_results_are_accepted()
    {
        var rows = ClusteredVectors.Generate(3000, 32, clusters: 300, seed: 8);
        var queries = ClusteredVectors.Generate(50, 32, clusters: 300, seed: 9);
        using var index = new HnswIndex(32);
        index.UpsertRange(rows);
        var filter = new PredicateFilter(id => id % 10 == 3);
        var allowed = new FlatIndex(32);
        for (int i = 3; i < 3000; i += 10)
            allowed.Add((ulong)i, rows.AsSpan(i * 32, 32));
        var exact = allowed.SearchBatch(queries, 10);

        var approximate = new List<SearchHit[]>();
        foreach (var query in Rows.Split(queries, 32))
        {
            var hits = new SearchHit[10];
            Assert.Equal(10, index.Search(query, 10, ef: 10, filter, hits));
            Assert.All(hits, h => Assert.Equal(3UL, h.Id % 10));
            approximate.Add(hits);
        }
        Assert.True(Recall.AtK(approximate, exact, 10) >= 0.9);
    }

    [Fact]
    public void A_filter_accepting_three_ids_returns_exactly_those_three()
    {
        var rows = ClusteredVectors.Generate(2000, 16, clusters: 100, seed: 10);
        using var index = new HnswIndex(16);
        index.UpsertRange(rows);
        ulong[] wanted = [17, 1234, 1999];
        var hits = new SearchHit[10];

        int found = index.Search(rows.AsSpan(0, 16), 10, ef: 10, new PredicateFilter(wanted.Contains), hits);

        Assert.Equal(3, found);
        Assert.Equal(wanted.Order(), hits[..3].Select(h => h.Id).Order());
    }

    [Fact]
    public void Search_of_an_empty_index_returns_nothing()
    {
        using var index = new HnswIndex(4);
        Assert.Empty(index.Search([1, 0, 0, 0], 5, ef: 10));
    }

    [Fact]
    public void Invalid_vectors_and_parameters_are_rejected_with_messages_that_name_the_problem()
    {
        using var index = new HnswIndex(4);
        Assert.Contains("3 components", Assert.Throws<ArgumentException>(() => index.Upsert(1, [1, 2, 3])).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => index.Upsert(1, [1, float.NaN, 0, 0])).Message);
        Assert.Contains("Infinity", Assert.Throws<ArgumentException>(() => index.Search([1, float.PositiveInfinity, 0, 0], 1, 10)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1, 0, 0, 0], 0, 10));
        Assert.Contains("M must be between 2 and 2048; got 1", Assert.Throws<ArgumentException>(() => new HnswIndex(4, new HnswOptions { M = 1 })).Message);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void The_index_grows_across_many_chunks_without_losing_a_vector()
    {
        const int dim = 256, n = 7000;
        var rows = ClusteredVectors.Generate(n, dim, clusters: 700, seed: 12);
        using var index = new HnswIndex(dim, new HnswOptions { M = 8, EfConstruction = 40 });
        index.UpsertRange(rows);

        var stored = new float[dim];
        for (int i = 0; i < n; i += 97)
        {
            Assert.True(index.TryGetVector((ulong)i, stored));
            Assert.Equal(rows.AsSpan(i * dim, dim).ToArray(), stored);
        }
        Assert.True(index.MemoryBytes >= (long)n * dim * sizeof(float));
    }
}
