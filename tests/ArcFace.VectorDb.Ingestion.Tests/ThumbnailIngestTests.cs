using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Embedding.Tests.Onnx;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Testing;
using ArcFace.VectorDb.Testing.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Ingestion.Tests;

/// <summary>Ingest keeps a small JPEG per point of whole images when asked, and none when not.</summary>
public class ThumbnailIngestTests
{
    [Fact]
    public async Task Whole_images_get_a_jpeg_thumbnail_scaled_down_to_128_px_and_never_up()
    {
        using var dir = new TempDirectory();
        var gallery = WriteGallery(dir.File("gallery"));

        await using var database = VectorDatabase.Create(dir.File("db"));
        var collection = await IngestAsync(database, gallery, new ThumbnailMaker(), dir.File("errors.jsonl"));

        Assert.Equal(2, collection.Thumbnails.Count);
        Assert.Equal((128, 85), Decoded(collection, gallery.Single(item => item.Key.EndsWith("large.jpg", StringComparison.Ordinal)).Id));
        Assert.Equal((60, 40), Decoded(collection, gallery.Single(item => item.Key.EndsWith("small.png", StringComparison.Ordinal)).Id));
        Assert.Equal(collection.Thumbnails.Bytes, gallery.Sum(item => (long)collection.GetThumbnail(item.Id)!.Length));
    }

    [Fact]
    public async Task An_embedder_without_thumbnails_stores_none()
    {
        using var dir = new TempDirectory();
        var gallery = WriteGallery(dir.File("gallery"));

        await using var database = VectorDatabase.Create(dir.File("db"));
        var collection = await IngestAsync(database, gallery, thumbnails: null, dir.File("errors.jsonl"));

        Assert.Equal(2, collection.Count);
        Assert.Equal(0, collection.Thumbnails.Count);
    }

    /// <summary>The size of a point's thumbnail, decoded as a JPEG.</summary>
    internal static (int Width, int Height) Decoded(VectorCollection collection, ulong id)
    {
        var jpeg = collection.GetThumbnail(id);
        Assert.NotNull(jpeg);
        Assert.Equal("JPEG", Image.DetectFormat(jpeg).Name);
        using var image = Image.Load<Rgb24>(jpeg);
        return (image.Width, image.Height);
    }

    private static IReadOnlyList<GalleryItem> WriteGallery(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "a"));
        File.WriteAllBytes(Path.Combine(root, "a", "large.jpg"), GalleryFiles.Photo(png: false, 300, 200));
        File.WriteAllBytes(Path.Combine(root, "a", "small.png"), GalleryFiles.Photo(png: true, 60, 40));
        return FolderGallery.Read(root);
    }

    private static async Task<VectorCollection> IngestAsync(VectorDatabase database, IReadOnlyList<GalleryItem> gallery, ThumbnailMaker? thumbnails, string reportPath)
    {
        using var model = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path("pooled-dynamic-batch.onnx") }, new PreprocessChoice());
        var embedder = new ImageEmbedder(model).WithThumbnails(thumbnails);
        var collection = await IngestTarget.OpenAsync(database, "g", embedder);
        using var report = new ErrorReport(reportPath);
        await new IngestPipeline(embedder, new CollectionSink(collection), new IngestOptions(), report).RunAsync(gallery);
        return collection;
    }
}
