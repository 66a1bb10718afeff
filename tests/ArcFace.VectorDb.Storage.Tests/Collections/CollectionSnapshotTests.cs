using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Collections;

public class CollectionSnapshotTests
{
    private const int Dim = 12;
    private static readonly CollectionOptions ManualSnapshots = new() { SnapshotEveryRecords = 0, SnapshotOnClose = false };

    private static LogRecord Record(int id, int? seed = null)
    {
        var random = new Random(seed ?? id);
        return LogRecord.Upsert((ulong)id, Enumerable.Range(0, Dim).Select(_ => (float)random.NextDouble() - 0.5f).ToArray(), $"p{id % 3}");
    }

    private static float[] Query(int seed) => Record(seed, seed + 5000).Vector.ToArray();

    private static string[] SnapshotFiles(TempDirectory dir) => Directory.GetFiles(dir.File("c"), "index-*.hnsw", SearchOption.AllDirectories);

    /// <summary>300 records, a snapshot, then 20 more upserts, a replacement and 2 deletes after it; returns the search results before closing.</summary>
    private static async Task<List<ulong>[]> BuildAsync(TempDirectory dir)
    {
        await using var collection = VectorCollection.Create(dir.File("c"), new CollectionSettings { Name = "c", Dimension = Dim }, ManualSnapshots);
        await collection.UpsertAsync(Enumerable.Range(0, 300).Select(i => Record(i)).ToList());
        await collection.SnapshotAsync();
        await collection.UpsertAsync(Enumerable.Range(300, 20).Select(i => Record(i)).ToList());
        await collection.UpsertAsync([Record(5, seed: 9999)]);
        await collection.DeleteAsync([7, 305]);
        return Enumerable.Range(0, 10).Select(q => collection.Search(Query(q), 10, 100).Select(h => h.Id).ToList()).ToArray();
    }

    private static void AssertSameCollection(VectorCollection reopened, List<ulong>[] expected)
    {
        Assert.Equal(318, reopened.Count);
        Assert.Null(reopened.Get(7));
        Assert.Null(reopened.Get(305));
        Assert.Equal("p0", reopened.Get(300)!.Label);
        for (int q = 0; q < expected.Length; q++)
            Assert.Equal(expected[q], reopened.Search(Query(q), 10, 100).Select(h => h.Id).ToList());
    }

    [Fact]
    public async Task Reopening_loads_the_snapshot_and_replays_only_the_records_after_it()
    {
        using var dir = new TempDirectory();
        var expected = await BuildAsync(dir);

        await using var reopened = VectorCollection.Open(dir.File("c"), ManualSnapshots);

        Assert.NotNull(reopened.Recovery.SnapshotAddress);
        Assert.Equal(23, reopened.Recovery.ReplayedIntoIndex);
        Assert.Empty(reopened.Recovery.Warnings);
        AssertSameCollection(reopened, expected);
    }

    [Fact]
    public async Task A_damaged_truncated_or_deleted_snapshot_falls_back_to_a_full_replay_with_a_warning()
    {
        foreach (var damage in new Action<string>[]
        {
            path => { var bytes = File.ReadAllBytes(path); bytes[bytes.Length / 2] ^= 1; File.WriteAllBytes(path, bytes); },
            path => { using var file = File.OpenWrite(path); file.SetLength(file.Length / 3); },
            File.Delete,
        })
        {
            using var dir = new TempDirectory();
            var expected = await BuildAsync(dir);
            damage(SnapshotFiles(dir).Single());

            await using var reopened = VectorCollection.Open(dir.File("c"), ManualSnapshots);

            Assert.Null(reopened.Recovery.SnapshotAddress);
            Assert.Equal(323, reopened.Recovery.ReplayedIntoIndex);
            Assert.Contains(reopened.Recovery.Warnings, w => w.Contains("full replay") || w.Contains("whole log"));
            AssertSameCollection(reopened, expected);
        }
    }

    [Fact]
    public async Task Only_the_newest_snapshot_is_kept_and_automatic_snapshots_follow_the_record_count()
    {
        using var dir = new TempDirectory();
        await using (var collection = VectorCollection.Create(dir.File("c"), new CollectionSettings { Name = "c", Dimension = Dim }, new CollectionOptions { SnapshotEveryRecords = 100 }))
        {
            for (int batch = 0; batch < 5; batch++)
                await collection.UpsertAsync(Enumerable.Range(batch * 60, 60).Select(i => Record(i)).ToList());
        }

        var left = SnapshotFiles(dir);
        await using var reopened = VectorCollection.Open(dir.File("c"));

        Assert.Single(left);
        Assert.NotNull(reopened.Recovery.SnapshotAddress);
        Assert.True(reopened.Recovery.ReplayedIntoIndex < 300);
        Assert.Equal(300, reopened.Count);
    }

    [Fact]
    public async Task Closing_writes_a_snapshot_so_the_next_open_replays_nothing()
    {
        using var dir = new TempDirectory();
        await using (var collection = VectorCollection.Create(dir.File("c"), new CollectionSettings { Name = "c", Dimension = Dim }))
            await collection.UpsertAsync(Enumerable.Range(0, 50).Select(i => Record(i)).ToList());

        await using var reopened = VectorCollection.Open(dir.File("c"));

        Assert.NotNull(reopened.Recovery.SnapshotAddress);
        Assert.Equal(0, reopened.Recovery.ReplayedIntoIndex);
        Assert.Empty(reopened.Recovery.Warnings);
        Assert.Equal(50, reopened.Count);
    }
}
