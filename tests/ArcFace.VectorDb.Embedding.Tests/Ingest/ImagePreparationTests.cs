using System.Numerics;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Testing;
using ArcFace.VectorDb.Testing.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Tests.Ingest;

/// <summary>A gallery item with landmarks is aligned onto the template before preprocessing; wrong landmarks are a reason, not a crash.</summary>
public class ImagePreparationTests
{
    private static readonly PreprocessSpec Spec = PreprocessPresets.Insightface(112, 112);

    [Fact]
    public void Landmarks_warp_the_image_onto_the_template_before_the_tensor_is_written()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("face.png"), GalleryFiles.Photo(png: true, 200, 160));
        Vector2[] landmarks = [new(70, 60), new(130, 62), new(100, 95), new(78, 125), new(122, 126)];
        var tensor = new float[Spec.TensorLength];
        var expected = new float[Spec.TensorLength];

        string? problem = ImagePreparation.Prepare(new GalleryItem(dir.File("face.png"), "face.png", "x", 1, landmarks), Spec, new DecodeLimits(), tensor);

        Assert.Null(problem);
        using var image = Image.Load<Rgb24>(dir.File("face.png"));
        using var aligned = FaceAlignment.Align(image, landmarks, 112, 112);
        TensorWriter.Write(aligned, Spec, expected);
        Assert.Equal(expected, tensor);
    }

    [Theory]
    [InlineData(250f, 60f, "lies outside the 200×160 image")]
    [InlineData(70.5f, 60f, "too close to define a face")]
    public void Wrong_landmarks_are_reported(float rightEyeX, float rightEyeY, string reason)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("face.png"), GalleryFiles.Photo(png: true, 200, 160));
        Vector2[] landmarks = [new(70, 60), new(rightEyeX, rightEyeY), new(100, 95), new(78, 125), new(122, 126)];

        string? problem = ImagePreparation.Prepare(new GalleryItem(dir.File("face.png"), "face.png", "x", 1, landmarks), Spec, new DecodeLimits(), new float[Spec.TensorLength]);

        Assert.StartsWith("wrong landmarks", problem);
        Assert.Contains(reason, problem);
    }
}
