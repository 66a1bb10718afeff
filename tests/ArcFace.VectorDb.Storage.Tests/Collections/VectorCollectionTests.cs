using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Collections;

public class VectorCollectionTests
{
    private const int Dim = 16;

    private static float[] Vector(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Dim).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static LogRecord Record(int id, int? seed = null) =>
        LogRecord.Upsert((ulong)id, Vector(seed ?? id), $"person-{id % 5}", $"img/{id}.jpg", [new("n", $"{id}")]);

    private static VectorCollection NewCollection(TempDirectory dir, CollectionMetric metric = CollectionMetric.Cosine) =>
        VectorCollection.Create(dir.File("c"), new CollectionSettings { Name = "c", Dimension = Dim, Metric = metric });

    [Fact]
    public async Task Upserted_records_are_normalised_for_cosine_and_come_back_by_id_with_their_metadata()
    {
        using var dir = new TempDirectory();
        await using var collection = NewCollection(dir);

        await collection.UpsertAsync([Record(1), Record(2)]);
        var stored = collection.Get(1)!;

        Assert.Equal(2, collection.Count);
        Assert.Equal(("person-1", "img/1.jpg"), (stored.Label, stored.Source));
        Assert.Equal([new KeyValuePair<string, string>("n", "1")], stored.Attributes);
        Assert.Equal(1.0, Math.Sqrt(stored.Vector.Sum(x => (double)x * x)), 5);
        Assert.Null(collection.Get(3));
    }

    [Fact]
    public async Task A_bad_record_rejects_the_whole_batch_naming_its_id_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        await using (var collection = NewCollection(dir))
        {
            var nan = Vector(5);
            nan[3] = float.NaN;
            var wrongDim = LogRecord.Upsert(6, new float[Dim + 1]);

            var e1 = await Assert.ThrowsAsync<ArgumentException>(async () => await collection.UpsertAsync([Record(1), LogRecord.Upsert(5, nan)]));
            var e2 = await Assert.ThrowsAsync<ArgumentException>(async () => await collection.UpsertAsync([wrongDim]));
            var e3 = await Assert.ThrowsAsync<ArgumentException>(async () => await collection.UpsertAsync([LogRecord.Upsert(7, new float[Dim])]));

            Assert.Contains("Collection 'c', point 5", e1.Message);
            Assert.Contains("NaN", e1.Message);
            Assert.Contains("point 6", e2.Message);
            Assert.Contains($"{Dim + 1} components", e2.Message);
            Assert.Contains("point 7", e3.Message);
            Assert.Equal(0, collection.Count);
        }
        await using var reopened = VectorCollection.Open(dir.File("c"));
        Assert.Equal(0, reopened.Count);
    }

    [Fact]
    public async Task An_upsert_of_an_existing_id_replaces_vector_and_metadata_everywhere()
    {
        using var dir = new TempDirectory();
        await using var collection = NewCollection(dir);
        await collection.UpsertAsync(Enumerable.Range(0, 50).Select(i => Record(i)).ToList());

        await collection.UpsertAsync([Record(7, seed: 1000) with { Label = "renamed" }]);

        Assert.Equal(50, collection.Count);
        Assert.Equal("renamed", collection.Get(7)!.Label);
        var top = collection.Search(Vector(1000), k: 1, ef: 64);
        Assert.Equal((7UL, "renamed"), (top[0].Id, top[0].Label));
        Assert.Equal(1.0f, top[0].Score, 4);
    }

    [Fact]
    public async Task Deleted_ids_disappear_from_get_search_scan_and_count()
    {
        using var dir = new TempDirectory();
        await using var collection = NewCollection(dir);
        await collection.UpsertAsync(Enumerable.Range(0, 30).Select(i => Record(i)).ToList());

        int deleted = await collection.DeleteAsync([3, 4, 999]);

        Assert.Equal(2, deleted);
        Assert.Equal(28, collection.Count);
        Assert.Null(collection.Get(3));
        Assert.DoesNotContain(collection.Search(Vector(3), k: 30, ef: 100), h => h.Id is 3 or 4);
        Assert.Equal(Enumerable.Range(0, 30).Where(i => i is not (3 or 4)).Select(i => (ulong)i), collection.Scan().Select(r => r.Id));
        Assert.Equal(collection.Scan().Select(r => r.Id), collection.LiveIds(0, 100));
        // Pages resume after the last id given: ascending, live only, at most the limit.
        Assert.Equal([0UL, 1, 2, 5], collection.LiveIds(0, 4));
        Assert.Equal([6UL, 7, 8], collection.LiveIds(6, 3));
        Assert.Empty(collection.LiveIds(30, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => collection.LiveIds(0, 0));
    }

    [Fact]
    public async Task Live_id_pages_are_the_sorted_ids_from_the_start_id_on_whatever_the_ids_and_limits()
    {
        using var dir = new TempDirectory();
        await using var collection = NewCollection(dir);
        var random = new Random(5);
        var ids = Enumerable.Range(0, 300).Select(_ => (ulong)random.NextInt64() * 2).Append(ulong.MaxValue).Append(0UL).Distinct().ToArray();
        await collection.UpsertAsync(ids.Select((id, i) => LogRecord.Upsert(id, Vector(i))).ToList());
        await collection.DeleteAsync(ids[..40]);
        var live = ids[40..].Order().ToArray();

        for (int round = 0; round < 60; round++)
        {
            ulong from = round % 3 == 0 ? live[random.Next(live.Length)] : (ulong)random.NextInt64() * 2;
            int limit = random.Next(1, 400);
            Assert.Equal(live.Where(id => id >= from).Take(limit), collection.LiveIds(from, limit));
        }
        Assert.Equal([ulong.MaxValue], collection.LiveIds(ulong.MaxValue, 5));
    }

    [Fact]
    public async Task A_label_filter_returns_only_that_label_and_huge_k_is_capped()
    {
        using var dir = new TempDirectory();
        await using var collection = NewCollection(dir);
        await collection.UpsertAsync(Enumerable.Range(0, 100).Select(i => Record(i)).ToList());

        var hits = collection.Search(Vector(42), k: 10, ef: 50, SearchFilter.ForLabel("person-2"));
        var all = collection.Search(Vector(42), k: int.MaxValue, ef: 10);

        Assert.Equal(10, hits.Count);
        Assert.All(hits, h => Assert.Equal("person-2", h.Label));
        Assert.Equal(100, all.Count);
        Assert.Throws<ArgumentException>(() => collection.Search(new float[Dim - 1], 5, 10));
    }

    [Fact]
    public async Task Reopening_replays_the_log_to_the_same_records_and_results()
    {
        using var dir = new TempDirectory();
        IReadOnlyList<CollectionHit> before;
        await using (var collection = NewCollection(dir, CollectionMetric.L2))
        {
            await collection.UpsertAsync(Enumerable.Range(0, 200).Select(i => Record(i)).ToList(), Durability.FireAndForget);
            await collection.DeleteAsync([10, 11]);
            await collection.UpsertAsync([Record(12, seed: 7)]);
            before = collection.Search(Vector(99), k: 20, ef: 200);
        }

        await using var reopened = VectorCollection.Open(dir.File("c"));

        Assert.Equal(198, reopened.Count);
        Assert.Empty(reopened.Recovery.Damaged);
        Assert.Equal(Vector(7), reopened.Get(12)!.Vector);
        Assert.Equal(before.Select(h => h.Id), reopened.Search(Vector(99), k: 20, ef: 200).Select(h => h.Id));
    }

    [Fact]
    public async Task Readers_run_without_error_while_a_writer_upserts_and_deletes()
    {
        using var dir = new TempDirectory();
        await using var collection = NewCollection(dir);
        await collection.UpsertAsync(Enumerable.Range(0, 100).Select(i => Record(i)).ToList());
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var writer = Task.Run(async () =>
        {
            for (int round = 0; !stop.IsCancellationRequested; round++)
            {
                await collection.UpsertAsync(Enumerable.Range(100 + round * 10, 10).Select(i => Record(i)).ToList());
                await collection.DeleteAsync([(ulong)(100 + round * 10)]);
            }
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            int reads = 0;
            while (!stop.IsCancellationRequested)
            {
                var hits = collection.Search(Vector(reads), k: 10, ef: 40);
                Assert.Equal(hits.Count, hits.Select(h => h.Id).Distinct().Count());
                Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Id), hits.Select(h => h.Id));
                foreach (var hit in hits)
                    Assert.True(collection.Get(hit.Id) is null or { Vector.Length: Dim }, $"id {hit.Id} came back malformed");
                reads++;
            }
            return reads;
        })).ToArray();

        await writer;
        var reads = await Task.WhenAll(readers);

        Assert.All(reads, n => Assert.True(n > 10));
        Assert.True(collection.Count > 100);
    }

    [Fact]
    public async Task A_durable_write_is_invisible_to_readers_until_it_is_committed()
    {
        using var dir = new TempDirectory();
        var slowCommits = new CollectionOptions { Log = new VectorLogOptions { CommitInterval = TimeSpan.FromSeconds(2) } };
        await using var collection = VectorCollection.Create(dir.File("c"), new CollectionSettings { Name = "c", Dimension = Dim }, slowCommits);

        var write = collection.UpsertAsync([Record(1)]).AsTask();
        await Task.Delay(100);
        bool visibleBeforeCommit = collection.Get(1) is not null || collection.Search(Vector(1), 1, 10).Count > 0;
        await write;

        Assert.False(visibleBeforeCommit);
        Assert.NotNull(collection.Get(1));
    }
}
