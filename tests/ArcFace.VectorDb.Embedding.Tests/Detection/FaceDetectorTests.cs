using System.Numerics;
using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Tests.Onnx;
using ArcFace.VectorDb.Testing;
using Microsoft.ML.OnnxRuntime;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit.Abstractions;
using static ArcFace.VectorDb.Embedding.Tests.Detection.DetectorFixtures;

namespace ArcFace.VectorDb.Embedding.Tests.Detection;

/// <summary>The real detector as a whole: its identity, batching, several faces, no faces, and models it refuses.</summary>
public class FaceDetectorTests(ITestOutputHelper output)
{
    [Fact]
    public void A_model_of_another_shape_is_refused_naming_every_declared_input_and_output()
    {
        string path = TestModels.Path("pooled-dynamic-batch.onnx");
        using var session = new InferenceSession(path);

        var error = Assert.Throws<ModelException>(() => FaceDetector.Open(new DetectorOptions { ModelPath = path }));

        output.WriteLine(error.Message);
        Assert.StartsWith("pooled-dynamic-batch.onnx: inputs ", error.Message);
        foreach (var (name, node) in session.InputMetadata.Concat(session.OutputMetadata))
            Assert.Contains($"{name} {ModelSignature.Describe(node)}", error.Message);
        Assert.EndsWith("a RetinaFace-format detector has one float32 input [N,3,H,W] and outputs loc [N,P,4], conf [N,P,2], landms [N,P,10].", error.Message);
    }

    [Fact]
    public void Description_names_the_model_file_its_hash_the_threshold_and_the_det_size()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var detector = FaceDetector.Open(new DetectorOptions { ModelPath = Model(faces), Threshold = 0.7f, DetSize = 480 });

        Assert.Equal("retinaface-mnet025.onnx sha256:3ab8792b069732ac24e763651816e8cd293c7391609e1fd75cf5094290e827b7 threshold=0.7 det-size=480", detector.Description);
        Assert.Equal(InferenceSessions.CpuProvider, detector.Provider);
        Assert.Equal((480, 288), detector.InputSize(1000, 600));
    }

    [Fact]
    public void Batched_detection_of_photos_of_several_sizes_equals_detecting_them_one_by_one()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var detector = FaceDetector.Open(new DetectorOptions { ModelPath = Model(faces), BatchSize = 3 });
        var photos = RawPhotos(faces).Take(7).Select(Load).ToList();
        photos.Insert(2, Pasted(photos[0], 300, 260, new Point(20, 5)));
        photos.Add(Pasted(photos[1], 260, 300, new Point(5, 20)));

        var batched = detector.Detect(photos);

        for (int i = 0; i < photos.Count; i++)
        {
            var single = detector.Detect(photos[i]);
            Assert.Equal(single.Count, batched[i].Count);
            for (int f = 0; f < single.Count; f++)
                AssertShifted(single[f], Vector2.Zero, batched[i][f], tolerance: 0.01f);
        }
        photos.ForEach(p => p.Dispose());
    }

    [Fact]
    public void Two_faces_side_by_side_are_found_where_they_were_pasted_and_selected_left_to_right_largest_centre_and_by_min_face()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var detector = Open(faces);
        using var left = FaceRegion(detector, Load(Path.Combine(faces, "lfw-raw", "0_fn_0.jpg")), scale: 1f, out var leftFace);
        using var right = FaceRegion(detector, Load(Path.Combine(faces, "lfw-raw", "5_fp_1.jpg")), scale: 0.6f, out var rightFace);
        using var canvas = new Image<Rgb24>(520, 260, new Rgb24(200, 200, 190));
        var leftAt = new Point(32, 32);
        var rightAt = new Point(256, 64);
        Paste(canvas, left, leftAt);
        Paste(canvas, right, rightAt);

        var found = detector.Detect(canvas);
        var all = FaceSelection.Select(found, FaceChoice.All, canvas.Width, canvas.Height);

        output.WriteLine(string.Join("; ", all.Select(f => $"{f.Box} {f.Score:F3}")));
        Assert.Equal(2, all.Count);
        AssertShifted(leftFace, new Vector2(leftAt.X, leftAt.Y), all[0], tolerance: 3f);
        AssertShifted(rightFace, new Vector2(rightAt.X, rightAt.Y), all[1], tolerance: 3f);
        Assert.Same(all[0], Assert.Single(FaceSelection.Select(found, FaceChoice.Largest, canvas.Width, canvas.Height)));
        Assert.Same(all[1], Assert.Single(FaceSelection.Select(found, FaceChoice.Center, canvas.Width, canvas.Height)));
        float between = (Math.Min(all[0].Box.Width, all[0].Box.Height) + Math.Min(all[1].Box.Width, all[1].Box.Height)) / 2;
        Assert.Same(all[0], Assert.Single(FaceSelection.Select(found, FaceChoice.All, canvas.Width, canvas.Height, minFace: between)));
    }

    [Fact]
    public void A_plain_colour_image_and_a_noise_image_have_no_face()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var detector = Open(faces);
        using var plain = new Image<Rgb24>(320, 240, new Rgb24(180, 140, 120));
        using var noise = new Image<Rgb24>(320, 240);
        var random = new Random(7);
        var bytes = new byte[3];
        for (int y = 0; y < noise.Height; y++)
        {
            for (int x = 0; x < noise.Width; x++)
            {
                random.NextBytes(bytes);
                noise[x, y] = new Rgb24(bytes[0], bytes[1], bytes[2]);
            }
        }

        var found = detector.Detect([plain, noise]);

        Assert.Empty(found[0]);
        Assert.Empty(found[1]);
    }

    /// <summary>The region around a photo's centre face (1.6 times its box), scaled; the face as found in that region.</summary>
    private static Image<Rgb24> FaceRegion(FaceDetector detector, Image<Rgb24> photo, float scale, out DetectedFace face)
    {
        using (photo)
        {
            var box = CenterFace(detector, photo).Box;
            int side = (int)(1.6f * Math.Max(box.Width, box.Height));
            int x = Math.Clamp((int)(box.Center.X - side / 2f), 0, photo.Width - side);
            int y = Math.Clamp((int)(box.Center.Y - side / 2f), 0, photo.Height - side);
            int scaled = (int)Math.Round(side * scale);
            var region = photo.Clone(c => c.Crop(new Rectangle(x, y, side, side)).Resize(scaled, scaled, KnownResamplers.Triangle));
            face = CenterFace(detector, region);
            return region;
        }
    }
}
