using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Collections;

public class CompactionTests
{
    private const int Dim = 24;
    private static readonly CollectionOptions ManualSnapshots = new() { SnapshotEveryRecords = 0, SnapshotOnClose = false };

    private static LogRecord Record(int id, int seed) =>
        LogRecord.Upsert((ulong)id, Enumerable.Range(0, Dim).Select(j => MathF.Sin(seed * 31 + j)).ToArray(), $"p{id % 4}", $"s/{id}");

    private static List<ulong> Top(VectorCollection collection, int seed) => collection.Search(Record(0, seed).Vector.Span, 10, 100).Select(h => h.Id).ToList();

    [Fact]
    public async Task Compaction_drops_deleted_and_superseded_records_and_keeps_every_answer()
    {
        using var dir = new TempDirectory();
        List<ulong>[] before;
        CompactionResult result;
        await using (var collection = VectorCollection.Create(dir.File("c"), new CollectionSettings { Name = "c", Dimension = Dim }, ManualSnapshots))
        {
            await collection.UpsertAsync(Enumerable.Range(0, 300).Select(i => Record(i, i)).ToList());
            await collection.DeleteAsync(Enumerable.Range(0, 100).Select(i => (ulong)i).ToList());
            await collection.UpsertAsync(Enumerable.Range(100, 50).Select(i => Record(i, i + 1000)).ToList());
            before = Enumerable.Range(0, 8).Select(q => Top(collection, 5000 + q)).ToArray();

            result = await collection.CompactAsync();

            Assert.Equal(200, result.LiveRecords);
            Assert.True(result.BytesAfter < result.BytesBefore, $"{result.BytesAfter} bytes after, {result.BytesBefore} before");
            // The index is rebuilt too: 300 inserts and 50 replacements left 350 nodes, 150 of them tombstones.
            Assert.Equal((350, 200), (result.NodesBefore, result.NodesAfter));
            Assert.Equal(new IndexSize(200, 200, 0, collection.IndexSize.MemoryBytes), collection.IndexSize);
            Assert.Equal(before, Enumerable.Range(0, 8).Select(q => Top(collection, 5000 + q)).ToArray());
            await collection.UpsertAsync([Record(1000, 77)]);
        }

        await using var reopened = VectorCollection.Open(dir.File("c"), ManualSnapshots);

        Assert.Equal(201, reopened.Count);
        Assert.Equal(1, reopened.Recovery.ReplayedIntoIndex);
        var expected = Record(120, 1120);
        Assert.All(reopened.Get(120)!.Vector.Zip(expected.Vector.ToArray()), p => Assert.Equal(p.Second / Norm(expected), p.First, 5));
        Assert.Equal("s/120", reopened.Get(120)!.Source);
        Assert.Null(reopened.Get(50));
        for (int q = 0; q < before.Length; q++)
        {
            var after = Top(reopened, 5000 + q).Where(id => id != 1000).ToList();
            Assert.Equal(before[q].Take(after.Count), after);
        }
        Assert.Single(Directory.GetDirectories(dir.File("c"), "gen-*"));
    }

    private static float Norm(LogRecord record) => MathF.Sqrt(record.Vector.ToArray().Sum(x => x * x));
}
