using System.Globalization;
using System.Numerics;
using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Ingestion.Tests;

/// <summary>Ingest of raw photos with the real RetinaFace detector and MobileFaceNet: every face a point, photos without one reported.</summary>
public class FaceIngestTests(ITestOutputHelper output)
{
    /// <summary>Where the detector finds the one face of each of these lfw-raw photos (box left, top, right, bottom).</summary>
    private static readonly (string Photo, float[] Box)[] SingleFaces =
    [
        ("1_fn_0.jpg", [68.1f, 54.8f, 178.2f, 189.3f]),
        ("2_fp_0.jpg", [75f, 56.2f, 176.1f, 192.1f]),
    ];

    [Fact]
    public async Task Two_faces_side_by_side_become_two_points_with_their_boxes_and_a_photo_without_a_face_is_reported_not_stored()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        string photos = dir.File("photos");
        Directory.CreateDirectory(photos);
        using (var canvas = new Image<Rgb24>(500, 250, new Rgb24(200, 200, 190)))
        {
            for (int i = 0; i < 2; i++)
            {
                using var photo = Image.Load<Rgb24>(Path.Combine(faces, "lfw-raw", SingleFaces[i].Photo));
                canvas.Mutate(x => x.DrawImage(photo, new Point(250 * i, 0), 1f));
            }
            await canvas.SaveAsPngAsync(Path.Combine(photos, "pair.png"));
        }
        using (var blank = new Image<Rgb24>(200, 160, new Rgb24(120, 140, 160)))
            await blank.SaveAsPngAsync(Path.Combine(photos, "wall.png"));
        var items = FolderGallery.Read(photos, unlabelledTopFiles: true);
        using var opened = Open(faces);
        await using var database = VectorDatabase.Create(dir.File("db"));
        var collection = await IngestTarget.OpenAsync(database, "faces", opened.Embedder);

        var (summary, errors) = await IngestAsync(opened.Embedder, collection, items, dir);

        output.WriteLine(summary.ToString());
        Assert.Equal((2, 1, 2, 1, 1), (summary.Total, summary.Ingested, summary.Points, summary.Failed, summary.NoFace));
        Assert.Contains("(2 faces)", summary.ToString());
        Assert.Contains($"\"reason\":\"{ImageEmbedder.NoFace}\"", errors);
        Assert.Contains("wall.png", errors);
        ulong pair = items.Single(item => item.Key == "pair.png").Id;
        for (int face = 0; face < 2; face++)
        {
            var stored = collection.Get(PointIds.For(pair, face));
            Assert.NotNull(stored);
            var attributes = stored.Attributes.ToDictionary(a => a.Key, a => a.Value);
            Assert.Equal(("pair.png", face.ToString(CultureInfo.InvariantCulture)), (stored.Source, attributes["face"]));
            float[] box = [.. attributes["box"].Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture))];
            float[] expected = [.. SingleFaces[face].Box.Select((v, i) => i % 2 == 0 ? v + 250 * face : v)];
            for (int i = 0; i < 4; i++)
                Assert.True(Math.Abs(box[i] - expected[i]) <= 4, $"face {face} box {attributes["box"]}, expected {string.Join(',', expected)}");
            Assert.Equal(5, attributes["landmarks"].Split(' ').Length);
            Assert.InRange(float.Parse(attributes["det_score"], CultureInfo.InvariantCulture), 0.9f, 1f);
        }
        Assert.StartsWith("retinaface-mnet025.onnx sha256:3ab8792b", collection.Settings.Detector);
    }

    [Fact]
    public async Task Resume_skips_photos_whose_faces_are_stored_and_a_rerun_replaces_them_without_duplicates()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        var items = RawPhotos(faces, "0_fn_0.jpg", "1_fn_0.jpg", "12_fn_1.jpg");
        using var opened = Open(faces);
        await using var database = VectorDatabase.Create(dir.File("db"));
        var collection = await IngestTarget.OpenAsync(database, "faces", opened.Embedder);

        var (first, _) = await IngestAsync(opened.Embedder, collection, items, dir);
        var (again, _) = await IngestAsync(opened.Embedder, collection, items, dir);
        var (resumed, _) = await IngestAsync(opened.Embedder, collection, items, dir, resume: true);

        Assert.Equal((3, 6), (first.Ingested, first.Points)); // 2 + 1 + 3 faces
        Assert.Equal((3, 6, 6), (again.Ingested, again.Points, collection.Count));
        Assert.Equal((0, 3, 6), (resumed.Ingested, resumed.Skipped, collection.Count));
    }

    [Fact]
    public async Task Manifest_landmarks_win_over_the_detector_and_keep_the_image_id()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        var photo = RawPhotos(faces, "1_fn_0.jpg")[0];
        Vector2[] landmarks = [new(99.6f, 107.7f), new(150.1f, 101.7f), new(129.6f, 131.2f), new(108.4f, 156.4f), new(151.1f, 151.3f)];
        using var opened = Open(faces);
        await using var database = VectorDatabase.Create(dir.File("db"));
        var collection = await IngestTarget.OpenAsync(database, "faces", opened.Embedder);

        var (summary, _) = await IngestAsync(opened.Embedder, collection, [photo with { Landmarks = landmarks }], dir);
        var detected = opened.Embedder.Embed(photo).Points.Single();

        var stored = collection.Get(photo.Id);
        Assert.Equal((1, 1), (summary.Ingested, summary.Points));
        Assert.NotNull(stored);
        Assert.Empty(stored.Attributes);
        // The manifest's landmarks are the detector's to 0.1 px here, so both crops embed alike.
        Assert.True(Core.Distance.DotProduct.Compute(stored.Vector, detected.Vector) > 0.99f);
    }

    [Fact]
    public async Task Each_detected_or_manifest_face_gets_its_aligned_112_px_crop_as_thumbnail()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        var items = RawPhotos(faces, "12_fn_1.jpg", "1_fn_0.jpg");
        Vector2[] landmarks = [new(99.6f, 107.7f), new(150.1f, 101.7f), new(129.6f, 131.2f), new(108.4f, 156.4f), new(151.1f, 151.3f)];
        using var opened = Open(faces);
        var embedder = opened.Embedder.WithThumbnails(new ThumbnailMaker());
        await using var database = VectorDatabase.Create(dir.File("db"));
        var collection = await IngestTarget.OpenAsync(database, "faces", embedder);

        var (summary, _) = await IngestAsync(embedder, collection, [items[0], items[1] with { Landmarks = landmarks }], dir);

        Assert.Equal((4, 4), (summary.Points, collection.Thumbnails.Count));
        for (int face = 0; face < 3; face++)
            Assert.Equal((112, 112), ThumbnailIngestTests.Decoded(collection, PointIds.For(items[0].Id, face)));
        Assert.Equal((112, 112), ThumbnailIngestTests.Decoded(collection, items[1].Id));
    }

    [Fact]
    public async Task A_collection_records_its_detector_takes_one_when_it_had_none_and_refuses_another_threshold()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        using var opened = Open(faces);
        using var stricter = FaceDetector.Open(new DetectorOptions { ModelPath = Path.Combine(faces, "retinaface-mnet025.onnx"), Threshold = 0.9f });
        await using var database = VectorDatabase.Create(dir.File("db"));
        var whole = new ImageEmbedder(opened.Embedder.Model);
        var crops = await IngestTarget.OpenAsync(database, "crops", whole);

        Assert.Null(crops.Settings.Detector);
        await IngestTarget.OpenAsync(database, "crops", opened.Embedder);
        Assert.Equal(opened.Embedder.Faces!.Detector.Description, crops.Settings.Detector);
        await IngestTarget.OpenAsync(database, "crops", whole); // aligned crops may still be added whole
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => IngestTarget.OpenAsync(database, "crops", new ImageEmbedder(opened.Embedder.Model, new FaceOptions(stricter))));
        Assert.Contains("threshold=0.9", refused.Message);
        Assert.Contains("use the same detector, threshold and size", refused.Message);
    }

    private static GalleryItem[] RawPhotos(string faces, params string[] names) =>
        [.. names.Select(name => new GalleryItem(Path.Combine(faces, "lfw-raw", name), name, name.Split('_')[0], Embedding.Ingest.StableIds.ForKey(name)))];

    private static async Task<(IngestSummary Summary, string Errors)> IngestAsync(ImageEmbedder embedder, VectorCollection collection, IReadOnlyList<GalleryItem> items, TempDirectory dir, bool resume = false)
    {
        string path = dir.File($"errors-{Guid.NewGuid():N}.jsonl");
        IngestSummary summary;
        using (var report = new ErrorReport(path))
            summary = await new IngestPipeline(embedder, new CollectionSink(collection), new IngestOptions { Resume = resume, Workers = 2 }, report).RunAsync(items);
        return (summary, File.Exists(path) ? await File.ReadAllTextAsync(path) : "");
    }

    private static OpenedModels Open(string faces)
    {
        var model = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = Path.Combine(faces, "mobilefacenet-arcface-128.onnx") }, new PreprocessChoice { Preset = "imagenet" });
        var detector = FaceDetector.Open(new DetectorOptions { ModelPath = Path.Combine(faces, "retinaface-mnet025.onnx") });
        return new OpenedModels(new ImageEmbedder(model, new FaceOptions(detector)));
    }

    /// <summary>An embedder whose model and detector the test disposes.</summary>
    private sealed record OpenedModels(ImageEmbedder Embedder) : IDisposable
    {
        public void Dispose()
        {
            Embedder.Model.Dispose();
            Embedder.Faces?.Detector.Dispose();
        }
    }
}
