using System.Numerics;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Testing;
using Google.Protobuf;
using Grpc.Core;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Point = ArcFace.VectorDb.Protos.Point;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>SearchByImage on a collection of faces: the server detects every face of a raw photo and answers for each.</summary>
public class FaceSearchTests(ITestOutputHelper output)
{
    private const string Recogniser = "mobilefacenet-arcface-128.onnx";
    private const string Detector = "retinaface-mnet025.onnx";

    /// <summary>Byte-identical crops of the fixture (the same LFW image in several pairs): any of them is the photo's own crop.</summary>
    private static readonly string[][] SameCrops =
    [
        ["16_fn_1", "17_fn_1", "18_fn_0"], ["20_fn_1", "21_fn_0"], ["24_fn_0", "25_fn_0"], ["29_fn_1", "30_fn_0"], ["10_fn_1", "11_fn_1"],
        ["34_fn_0", "35_fn_0"], ["3_fp_0", "4_fp_0"],
    ];

    [Fact]
    public async Task Each_face_of_a_raw_photo_gets_its_hits_and_the_centre_face_finds_its_own_aligned_crop_first()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        await using var test = await TestServer.StartAsync(options => options with { ModelDirectory = faces });
        var info = await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "lfw", Model = Recogniser, Preset = "imagenet", Detector = Detector });
        Assert.StartsWith($"{Detector} sha256:3ab8792b", info.Detector);
        await test.UpsertAsync("lfw", AlignedCrops(faces));

        // Photos with one, two and three faces; 7_fn_0 and 9_fn_1 are left out: their crops in lfw-aligned/ are poor (see the fixture README).
        foreach (string name in new[] { "1_fn_0", "2_fp_0", "0_fn_0", "10_fn_1", "12_fn_1", "21_fn_1" })
        {
            var photo = await File.ReadAllBytesAsync(Path.Combine(faces, "lfw-raw", name + ".jpg"));
            var response = await test.Client.SearchByImageAsync(new SearchByImageRequest { Collection = "lfw", Image = ByteString.CopyFrom(photo), K = 3 });

            output.WriteLine($"{name}: {string.Join("; ", response.Faces.Select(f => $"face {f.Index} [{f.Box.Left:F0},{f.Box.Top:F0},{f.Box.Right:F0},{f.Box.Bottom:F0}] → {f.Hits[0].Source} {f.Hits[0].Score:F3}"))}");
            Assert.NotEmpty(response.Faces);
            Assert.Equal(Enumerable.Range(0, response.Faces.Count).Select(i => (uint)i), response.Faces.Select(f => f.Index));
            Assert.True(response.Faces.Zip(response.Faces.Skip(1)).All(pair => pair.First.Box.Left <= pair.Second.Box.Left), "faces come left to right");
            Assert.All(response.Faces, face => Assert.Equal((3, 5), (face.Hits.Count, face.Landmarks.Count)));
            var centre = response.Faces.MinBy(f => Vector2.Distance(new((f.Box.Left + f.Box.Right) / 2, (f.Box.Top + f.Box.Bottom) / 2), new(125, 125)))!;
            Assert.Contains(centre.Hits[0].Source, OwnCrops(name));
            var largest = response.Faces.MaxBy(f => (f.Box.Right - f.Box.Left) * (f.Box.Bottom - f.Box.Top))!;
            Assert.Equal(largest.Hits, response.Hits); // what a client that knows no faces reads
        }
    }

    [Fact]
    public async Task A_photo_without_a_face_answers_no_faces_and_a_detector_without_a_model_or_file_is_refused()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        await using var test = await TestServer.StartAsync(options => options with { ModelDirectory = faces });
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "lfw", Model = Recogniser, Preset = "imagenet", Detector = Detector });
        await test.UpsertAsync("lfw", AlignedCrops(faces).Take(4));
        using var wall = new Image<Rgb24>(300, 200, new Rgb24(120, 140, 160));
        using var png = new MemoryStream();
        await wall.SaveAsPngAsync(png);

        var none = await test.Client.SearchByImageAsync(new SearchByImageRequest { Collection = "lfw", Image = ByteString.CopyFrom(png.ToArray()), K = 3 });
        var noModel = await Assert.ThrowsAsync<RpcException>(() => test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "d", Dimension = 128, Detector = Detector }).ResponseAsync);
        var noFile = await Assert.ThrowsAsync<RpcException>(() => test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "e", Model = Recogniser, Detector = "missing.onnx" }).ResponseAsync);
        var notImage = await Assert.ThrowsAsync<RpcException>(() => test.Client.SearchByImageAsync(new SearchByImageRequest { Collection = "lfw", Image = ByteString.CopyFromUtf8("not an image"), K = 3 }).ResponseAsync);

        Assert.Empty(none.Faces);
        Assert.Empty(none.Hits);
        Assert.Equal(StatusCode.InvalidArgument, noModel.StatusCode);
        Assert.Contains("name the model too", noModel.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, noFile.StatusCode);
        Assert.Contains("missing.onnx", noFile.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, notImage.StatusCode);
        Assert.Equal(["lfw"], (await test.Client.ListCollectionsAsync(new ListCollectionsRequest())).Collections.Select(c => c.Name));
    }

    [Fact]
    public async Task Photos_streamed_into_a_collection_of_faces_become_a_point_per_face_and_a_photo_without_one_is_listed()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        await using var test = await TestServer.StartAsync(options => options with { ModelDirectory = faces });
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "people", Model = Recogniser, Preset = "imagenet", Detector = Detector });
        using var wall = new Image<Rgb24>(300, 200, new Rgb24(120, 140, 160));
        using var png = new MemoryStream();
        await wall.SaveAsPngAsync(png);
        (string, byte[])[] photos =
        [
            ("0_fn_0.jpg", await File.ReadAllBytesAsync(Path.Combine(faces, "lfw-raw", "0_fn_0.jpg"))),
            ("1_fn_0.jpg", await File.ReadAllBytesAsync(Path.Combine(faces, "lfw-raw", "1_fn_0.jpg"))),
            ("wall.png", png.ToArray()),
        ];

        var (_, summary) = await IngestImagesTests.IngestAsync(test, "people", photos);

        Assert.Equal((3ul, 2ul, 3ul, 1ul), (summary.Received, summary.Ingested, summary.Points, summary.Failed));
        Assert.Equal(("wall.png", ImageEmbedder.NoFace), (summary.Errors[0].Name, summary.Errors[0].Reason));
        var twoFaces = await test.Client.GetAsync(new GetRequest { Collection = "people", Ids = { PointIds.For(StableIds.ForKey("0_fn_0.jpg"), 0), PointIds.For(StableIds.ForKey("0_fn_0.jpg"), 1) } });
        Assert.Equal(["0", "1"], twoFaces.Points.Select(point => point.Attributes["face"]));
        Assert.Equal(3ul, (await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "people" })).Count);
    }

    /// <summary>The 98 aligned crops embedded whole (they are aligned already) with the collection's model and preprocessing, as points named by their crop.</summary>
    private static IEnumerable<Point> AlignedCrops(string faces)
    {
        using var model = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = Path.Combine(faces, Recogniser) }, new PreprocessChoice { Preset = "imagenet" });
        var embedder = new ImageEmbedder(model);
        var points = new List<Point>();
        foreach (string file in Directory.GetFiles(Path.Combine(faces, "lfw-aligned"), "*.jpg").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(file).Replace("_aligned", "", StringComparison.Ordinal);
            var vector = Assert.Single(embedder.Embed(new GalleryItem(file, name, name, 0)).Points).Vector;
            var point = new Point { Id = StableIds.ForKey(name), Source = name, Label = name };
            point.Vector.AddRange(vector);
            points.Add(point);
        }
        return points;
    }

    private static string[] OwnCrops(string name) => SameCrops.FirstOrDefault(group => group.Contains(name)) ?? [name];
}
