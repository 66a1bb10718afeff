using ArcFace.VectorDb.Storage.Thumbnails;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Thumbnails;

public class ThumbnailStoreTests
{
    private static byte[] Image(int seed, int length = 300) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + seed)).ToArray();

    [Fact]
    public void A_thumbnail_put_comes_back_after_reopening()
    {
        using var dir = new TempDirectory();
        using (var store = ThumbnailStore.Open(dir.Path, readOnly: false, []))
            store.Put([(1, Image(1)), (2, Image(2, 50))]);

        using var reopened = ThumbnailStore.Open(dir.Path, readOnly: false, []);

        Assert.Equal(Image(1), reopened.TryGet(1));
        Assert.Equal(Image(2, 50), reopened.TryGet(2));
        Assert.Null(reopened.TryGet(3));
        Assert.Equal(new ThumbnailStats(2, 350), reopened.Stats);
    }

    [Fact]
    public void A_later_put_supersedes_an_earlier_one_of_its_id()
    {
        using var dir = new TempDirectory();
        using (var store = ThumbnailStore.Open(dir.Path, readOnly: false, []))
        {
            store.Put([(1, Image(1))]);
            store.Put([(1, Image(9, 40))]);
            Assert.Equal(Image(9, 40), store.TryGet(1));
        }

        using var reopened = ThumbnailStore.Open(dir.Path, readOnly: false, []);

        Assert.Equal(Image(9, 40), reopened.TryGet(1));
        Assert.Equal(new ThumbnailStats(1, 40), reopened.Stats);
    }

    [Fact]
    public void A_removed_thumbnail_stays_removed_after_reopening()
    {
        using var dir = new TempDirectory();
        using (var store = ThumbnailStore.Open(dir.Path, readOnly: false, []))
        {
            store.Put([(1, Image(1)), (2, Image(2))]);
            store.Remove([1, 5]);
            Assert.Null(store.TryGet(1));
        }

        using var reopened = ThumbnailStore.Open(dir.Path, readOnly: false, []);

        Assert.Null(reopened.TryGet(1));
        Assert.Equal(Image(2), reopened.TryGet(2));
        Assert.Equal(new ThumbnailStats(1, 300), reopened.Stats);
    }

    [Fact]
    public void A_torn_tail_is_cut_off_with_a_warning_and_the_records_before_it_survive()
    {
        using var dir = new TempDirectory();
        using (var store = ThumbnailStore.Open(dir.Path, readOnly: false, []))
            store.Put([(1, Image(1)), (2, Image(2))]);
        string file = Path.Combine(dir.Path, ThumbnailStore.FileName);
        long whole = new FileInfo(file).Length;
        using (var stream = File.OpenWrite(file))
            stream.SetLength(whole - 100);
        var warnings = new List<string>();

        using (var reopened = ThumbnailStore.Open(dir.Path, readOnly: false, warnings))
        {
            Assert.Equal(Image(1), reopened.TryGet(1));
            Assert.Null(reopened.TryGet(2));
            Assert.Contains("torn", Assert.Single(warnings), StringComparison.Ordinal);
            reopened.Put([(3, Image(3))]);
        }

        using var again = ThumbnailStore.Open(dir.Path, readOnly: false, []);
        Assert.Equal(Image(3), again.TryGet(3));
        Assert.Equal(new ThumbnailStats(2, 600), again.Stats);
    }

    [Fact]
    public void A_copy_holds_only_the_live_ids()
    {
        using var dir = new TempDirectory();
        using var store = ThumbnailStore.Open(dir.File("a"), readOnly: false, []);
        store.Put([(1, Image(1)), (2, Image(2)), (3, Image(3))]);

        using var copy = store.CopyLive(dir.File("b"), [1, 3, 4]);

        Assert.Equal(new ThumbnailStats(2, 600), copy.Stats);
        Assert.Null(copy.TryGet(2));
        Assert.Equal(Image(3), copy.TryGet(3));
        Assert.True(new FileInfo(Path.Combine(dir.File("b"), ThumbnailStore.FileName)).Length < new FileInfo(Path.Combine(dir.File("a"), ThumbnailStore.FileName)).Length);
    }
}
