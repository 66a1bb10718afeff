using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Collections;

/// <summary>Concurrent durable writers share group commits, and what memory holds always follows log order.</summary>
public class ConcurrentWriterTests
{
    private const int Dim = 4;

    [Fact]
    public async Task Writers_racing_on_the_same_ids_leave_memory_as_the_log_replays_it_with_snapshots_and_compaction_in_between()
    {
        using var dir = new TempDirectory();
        var options = new CollectionOptions { SnapshotEveryRecords = 150, SnapshotOnClose = false };
        Dictionary<ulong, float[]> inMemory;
        await using (var collection = VectorCollection.Create(dir.File("c"), new CollectionSettings { Name = "c", Dimension = Dim, Metric = CollectionMetric.L2 }, options))
        {
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (int i = 0; i < 120; i++)
                {
                    // Twenty ids shared by every writer: the last write of each id in log order must win everywhere.
                    ulong id = (ulong)((i * 7 + w) % 20);
                    var durability = i % 3 == 0 ? Durability.FireAndForget : Durability.Durable;
                    if (i % 11 == 10)
                        await collection.DeleteAsync([id], durability);
                    else
                        await collection.UpsertAsync([LogRecord.Upsert(id, new[] { w, i, id, 1f })], durability);
                }
            })).ToList();
            var maintenance = Task.Run(async () =>
            {
                await Task.Delay(20);
                await collection.CompactAsync();
                await collection.SnapshotAsync();
            });
            await Task.WhenAll([.. writers, maintenance]).WaitAsync(TimeSpan.FromSeconds(60));
            inMemory = collection.Scan().ToDictionary(r => r.Id, r => r.Vector);
        }

        await using var reopened = VectorCollection.Open(dir.File("c"), options);
        var replayed = reopened.Scan().ToDictionary(r => r.Id, r => r.Vector);

        Assert.Equal(inMemory.Keys.Order(), replayed.Keys.Order());
        foreach (var (id, vector) in inMemory)
            Assert.Equal(vector, replayed[id]);
    }

    [Fact]
    public async Task Sixteen_durable_writers_all_complete_and_every_record_is_committed_and_searchable()
    {
        using var dir = new TempDirectory();
        await using var collection = VectorCollection.Create(dir.File("c"), new CollectionSettings { Name = "c", Dimension = Dim }, new CollectionOptions());

        await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
                await collection.UpsertAsync([LogRecord.Upsert((ulong)(w * 100 + i), new[] { 1f, w, i, 1f })], Durability.Durable);
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(400, collection.Count);
        Assert.Equal(1505ul, collection.Search(new[] { 1f, 15f, 5f, 1f }, 1, 64)[0].Id);
    }
}
