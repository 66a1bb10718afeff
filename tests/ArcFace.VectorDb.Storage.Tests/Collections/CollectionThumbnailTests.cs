using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Storage.Thumbnails;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Collections;

public class CollectionThumbnailTests
{
    private const int Dim = 8;
    private static readonly CollectionOptions ManualSnapshots = new() { SnapshotEveryRecords = 0, SnapshotOnClose = false };

    private static LogRecord Record(int id) => LogRecord.Upsert((ulong)id, Enumerable.Range(0, Dim).Select(j => MathF.Sin(id * 31 + j)).ToArray(), "l", $"s/{id}");

    private static byte[] Image(int id) => Enumerable.Range(0, 100 + id).Select(i => (byte)(i + id)).ToArray();

    private static async Task<VectorCollection> WithThumbnails(TempDirectory dir, int count)
    {
        var collection = VectorCollection.Create(dir.File("c"), new CollectionSettings { Name = "c", Dimension = Dim }, ManualSnapshots);
        await collection.UpsertAsync(Enumerable.Range(0, count).Select(Record).ToList());
        await collection.PutThumbnailsAsync(Enumerable.Range(0, count).Select(i => ((ulong)i, Image(i))).ToList());
        return collection;
    }

    [Fact]
    public async Task Thumbnails_of_ids_that_are_not_points_are_not_stored()
    {
        using var dir = new TempDirectory();
        await using var collection = await WithThumbnails(dir, 3);

        await collection.PutThumbnailsAsync([(99, Image(99))]);

        Assert.Null(collection.GetThumbnail(99));
        Assert.Equal(new ThumbnailStats(3, 303), collection.Thumbnails);
    }

    [Fact]
    public async Task Deleting_a_point_removes_its_thumbnail_for_good()
    {
        using var dir = new TempDirectory();
        await using (var collection = await WithThumbnails(dir, 3))
        {
            await collection.DeleteAsync([1]);
            Assert.Null(collection.GetThumbnail(1));
            await collection.UpsertAsync([Record(1)]);
        }

        await using var reopened = VectorCollection.Open(dir.File("c"), ManualSnapshots);

        Assert.Null(reopened.GetThumbnail(1));
        Assert.Equal(Image(2), reopened.GetThumbnail(2));
        Assert.Equal(new ThumbnailStats(2, 202), reopened.Thumbnails);
    }

    [Fact]
    public async Task Compaction_keeps_the_thumbnails_of_live_points_only()
    {
        using var dir = new TempDirectory();
        await using (var collection = await WithThumbnails(dir, 10))
        {
            await collection.DeleteAsync([.. Enumerable.Range(0, 5).Select(i => (ulong)i)]);
            // The thumbnail file itself, not the collection's disk use: a tiny collection's new snapshot may outweigh what compaction saves.
            var before = new FileInfo(Assert.Single(ThumbnailFiles(dir)));
            long beforeBytes = before.Length;

            await collection.CompactAsync();

            Assert.Equal(new ThumbnailStats(5, Enumerable.Range(5, 5).Sum(i => 100L + i)), collection.Thumbnails);
            Assert.Equal(Image(7), collection.GetThumbnail(7));
            long afterBytes = new FileInfo(Assert.Single(ThumbnailFiles(dir), file => file != before.FullName)).Length;
            Assert.True(afterBytes < beforeBytes, $"the new generation's thumbnail file holds {afterBytes} bytes, the old one {beforeBytes}");
        }

        await using var reopened = VectorCollection.Open(dir.File("c"), ManualSnapshots);
        Assert.Equal(5, reopened.Thumbnails.Count);
        Assert.Equal(Image(9), reopened.GetThumbnail(9));
    }

    private static string[] ThumbnailFiles(TempDirectory dir) => Directory.GetFiles(dir.File("c"), ThumbnailStore.FileName, SearchOption.AllDirectories);
}
