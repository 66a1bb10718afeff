using System.Numerics;
using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Tests.Detection;

/// <summary>The real RetinaFace detector and the lfw-raw photos of ../shared/fixtures/faces, and checks on what it finds.</summary>
internal static class DetectorFixtures
{
    /// <summary>The detector model in the faces fixture folder.</summary>
    public static string Model(string faces) => Path.Combine(faces, "retinaface-mnet025.onnx");

    /// <summary>The 98 raw LFW photos, by name.</summary>
    public static string[] RawPhotos(string faces) => [.. Directory.GetFiles(Path.Combine(faces, "lfw-raw"), "*.jpg").Order(StringComparer.Ordinal)];

    /// <summary>Opens the fixture's detector with default options.</summary>
    public static FaceDetector Open(string faces) => FaceDetector.Open(new DetectorOptions { ModelPath = Model(faces) });

    /// <summary>Decodes a photo upright.</summary>
    public static Image<Rgb24> Load(string path) => ImageLoader.Load(path);

    /// <summary>The face of a photo nearest the photo's centre.</summary>
    public static DetectedFace CenterFace(FaceDetector detector, Image<Rgb24> photo) =>
        Assert.Single(FaceSelection.Select(detector.Detect(photo), FaceChoice.Center, photo.Width, photo.Height));

    /// <summary>The face whose box centre is nearest <paramref name="point"/>.</summary>
    public static DetectedFace Nearest(IReadOnlyList<DetectedFace> faces, Vector2 point) =>
        faces.MinBy(f => Vector2.Distance(f.Box.Center, point)) ?? throw new Xunit.Sdk.XunitException("no face found");

    /// <summary>Asserts that <paramref name="actual"/> is <paramref name="expected"/> moved by <paramref name="offset"/>, box and landmarks within <paramref name="tolerance"/> pixels.</summary>
    public static void AssertShifted(DetectedFace expected, Vector2 offset, DetectedFace actual, float tolerance)
    {
        var box = expected.Box;
        float[] want = [box.Left + offset.X, box.Top + offset.Y, box.Right + offset.X, box.Bottom + offset.Y];
        float[] got = [actual.Box.Left, actual.Box.Top, actual.Box.Right, actual.Box.Bottom];
        for (int i = 0; i < 4; i++)
            Assert.True(Math.Abs(want[i] - got[i]) <= tolerance, $"box [{string.Join(", ", got)}] is not [{string.Join(", ", want)}] within {tolerance} px");
        for (int i = 0; i < 5; i++)
            Assert.True(Vector2.Distance(expected.Landmarks[i] + offset, actual.Landmarks[i]) <= tolerance, $"landmark {i} at {actual.Landmarks[i]}, expected {expected.Landmarks[i] + offset}");
    }

    /// <summary>A plain canvas with <paramref name="photo"/> pasted at <paramref name="at"/>.</summary>
    public static Image<Rgb24> Pasted(Image<Rgb24> photo, int width, int height, Point at)
    {
        var canvas = new Image<Rgb24>(width, height, new Rgb24(90, 110, 100));
        Paste(canvas, photo, at);
        return canvas;
    }

    /// <summary>Copies <paramref name="photo"/>'s pixels onto <paramref name="canvas"/> with its top left at <paramref name="at"/>.</summary>
    public static void Paste(Image<Rgb24> canvas, Image<Rgb24> photo, Point at)
    {
        for (int y = 0; y < photo.Height; y++)
        {
            for (int x = 0; x < photo.Width; x++)
                canvas[at.X + x, at.Y + y] = photo[x, y];
        }
    }
}
