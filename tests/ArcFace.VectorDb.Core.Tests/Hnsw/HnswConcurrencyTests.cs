using System.Diagnostics;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Core.Tests.Support;

namespace ArcFace.VectorDb.Core.Tests.Hnsw;

public class HnswConcurrencyTests
{
    private const int Dim = 32;

    [Fact]
    public async Task Four_writers_and_four_searchers_run_together_and_every_inserted_vector_is_findable_afterwards()
    {
        const int capacity = 60_000;
        var rows = ClusteredVectors.Generate(capacity, Dim, clusters: 6000, seed: 31);
        using var index = new HnswIndex(Dim, new HnswOptions { M = 12, EfConstruction = 80 });
        int next = 0;
        long searches = 0;
        var clock = Stopwatch.StartNew();
        bool Running() => clock.Elapsed < TimeSpan.FromSeconds(3);

        var writers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            int i;
            while (Running() && (i = Interlocked.Increment(ref next) - 1) < capacity)
                index.Upsert((ulong)i, rows.AsSpan(i * Dim, Dim));
        }, TaskCreationOptions.LongRunning));
        var searchers = Enumerable.Range(0, 4).Select(s => Task.Factory.StartNew(() =>
        {
            var random = new Random(s);
            var hits = new SearchHit[10];
            while (Running())
            {
                int q = random.Next(capacity);
                int found = index.Search(rows.AsSpan(q * Dim, Dim), 10, 32, hits);
                IndexAssert.SortedAndUnique(hits.AsSpan(0, found));
                Interlocked.Increment(ref searches);
            }
        }, TaskCreationOptions.LongRunning));
        await Task.WhenAll([.. writers, .. searchers]);

        int inserted = Math.Min(next, capacity);
        Assert.Equal(inserted, index.Count);
        Assert.True(inserted > 1000, $"only {inserted} inserts in 3 s");
        Assert.True(searches > 100, $"only {searches} searches in 3 s");
        int selfFound = 0;
        var top = new SearchHit[1];
        for (int i = 0; i < inserted; i++)
        {
            if (index.Search(rows.AsSpan(i * Dim, Dim), 1, 64, top) == 1 && top[0].Id == (ulong)i)
                selfFound++;
        }
        double recallAt1 = selfFound / (double)inserted;
        Assert.True(recallAt1 >= 0.99, $"self-query recall@1 = {recallAt1:F4} over {inserted} vectors");
    }

    [Fact]
    public async Task Concurrent_upserts_and_deletes_of_the_same_ids_never_show_an_id_twice_and_end_consistent()
    {
        const int ids = 300;
        var versions = ClusteredVectors.Generate(ids * 8, Dim, clusters: 100, seed: 32);
        using var index = new HnswIndex(Dim, new HnswOptions { M = 8, EfConstruction = 40 });
        var clock = Stopwatch.StartNew();
        bool Running() => clock.Elapsed < TimeSpan.FromSeconds(2);

        var writers = Enumerable.Range(0, 3).Select(w => Task.Factory.StartNew(() =>
        {
            var random = new Random(100 + w);
            while (Running())
            {
                int id = random.Next(ids);
                if (random.Next(5) == 0)
                    index.Delete((ulong)id);
                else
                    index.Upsert((ulong)id, versions.AsSpan(random.Next(ids * 8) * Dim, Dim));
            }
        }, TaskCreationOptions.LongRunning));
        var searchers = Enumerable.Range(0, 2).Select(s => Task.Factory.StartNew(() =>
        {
            var random = new Random(200 + s);
            var hits = new SearchHit[50];
            while (Running())
            {
                int found = index.Search(versions.AsSpan(random.Next(ids * 8) * Dim, Dim), 50, 60, hits);
                IndexAssert.SortedAndUnique(hits.AsSpan(0, found));
            }
        }, TaskCreationOptions.LongRunning));
        await Task.WhenAll([.. writers, .. searchers]);

        int live = Enumerable.Range(0, ids).Count(id => index.Contains((ulong)id));
        Assert.Equal(live, index.Count);
        Assert.Equal(index.NodeCount - live, index.TombstoneCount);
        var all = index.Search(versions.AsSpan(0, Dim), ids, ef: 2000);
        Assert.Equal(live, all.Length);
    }
}
