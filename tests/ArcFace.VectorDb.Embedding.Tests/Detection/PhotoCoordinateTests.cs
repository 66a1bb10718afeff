using System.Numerics;
using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit.Abstractions;
using static ArcFace.VectorDb.Embedding.Tests.Detection.DetectorFixtures;

namespace ArcFace.VectorDb.Embedding.Tests.Detection;

/// <summary>Boxes and landmarks come back in the original photo's pixels, whatever its shape, scale or EXIF orientation.</summary>
public class PhotoCoordinateTests(ITestOutputHelper output)
{
    private const string Photo = "0_fn_0.jpg";

    [Fact]
    public void A_face_pasted_into_a_landscape_photo_scaled_down_to_det_size_is_found_at_its_offset()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var detector = Open(faces);
        using var photo = Load(Path.Combine(faces, "lfw-raw", Photo));
        var original = CenterFace(detector, photo);
        var offset = new Point(540, 180); // (384, 128) in the 640×356 input: on the detector's 32-pixel grid
        using var canvas = Pasted(photo, 900, 500, offset);
        using var prescaled = canvas.Clone(x => x.Resize(640, 356, KnownResamplers.Triangle, compand: false));
        var expected = original.Box.Center + new Vector2(offset.X, offset.Y);

        var found = Nearest(detector.Detect(canvas), expected);
        var inPrescaled = Nearest(detector.Detect(prescaled), expected * new Vector2(640 / 900f, 356 / 500f));

        Assert.Equal((640, 384), detector.InputSize(900, 500));
        output.WriteLine($"original {original.Box}, in the 900×500 photo {found.Box}");
        // Exactly the pre-scaled photo's face, stretched back by 900/640 and 500/356...
        var stretched = new DetectedFace(
            new FaceBox(inPrescaled.Box.Left * 900 / 640f, inPrescaled.Box.Top * 500 / 356f, inPrescaled.Box.Right * 900 / 640f, inPrescaled.Box.Bottom * 500 / 356f),
            inPrescaled.Score, [.. inPrescaled.Landmarks.Select(p => p * new Vector2(900 / 640f, 500 / 356f))]);
        AssertShifted(stretched, Vector2.Zero, found, tolerance: 0.05f);
        // ...and, at 0.71 of the size (3 px there), where the original photo's face was.
        AssertShifted(original, new Vector2(offset.X, offset.Y), found, tolerance: 4.2f);
    }

    [Fact]
    public void A_face_pasted_into_a_portrait_photo_is_found_at_its_offset()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var detector = Open(faces);
        using var photo = Load(Path.Combine(faces, "lfw-raw", Photo));
        var original = CenterFace(detector, photo);
        var offset = new Point(64, 320);
        using var canvas = Pasted(photo, 380, 620, offset);

        var found = Nearest(detector.Detect(canvas), original.Box.Center + new Vector2(offset.X, offset.Y));

        Assert.Equal((384, 640), detector.InputSize(380, 620));
        output.WriteLine($"original {original.Box}, in the 380×620 photo {found.Box}");
        AssertShifted(original, new Vector2(offset.X, offset.Y), found, tolerance: 1.5f);
    }

    [Fact]
    public void A_photo_stored_rotated_with_an_exif_orientation_is_detected_upright_in_upright_pixels()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var detector = Open(faces);
        using var photo = Load(Path.Combine(faces, "lfw-raw", Photo));
        var original = CenterFace(detector, photo);
        var offset = new Point(128, 32);
        using var dir = new TempDirectory();
        using (var stored = Pasted(photo, 420, 300, offset))
        {
            // Orientation 6: the viewer turns the stored pixels 90° clockwise, so they are stored turned 90° anticlockwise.
            stored.Mutate(x => x.Rotate(RotateMode.Rotate270));
            stored.Metadata.ExifProfile = new ExifProfile();
            stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
            stored.SaveAsPng(dir.File("rotated.png"));
        }

        using var upright = ImageLoader.Load(dir.File("rotated.png"));
        var found = Nearest(detector.Detect(upright), original.Box.Center + new Vector2(offset.X, offset.Y));

        Assert.Equal((420, 300), (upright.Width, upright.Height));
        AssertShifted(original, new Vector2(offset.X, offset.Y), found, tolerance: 1.5f);
        Assert.True(found.Landmarks[0].X < found.Landmarks[1].X && found.Landmarks[2].Y < found.Landmarks[3].Y, "the face is not upright");
    }
}
