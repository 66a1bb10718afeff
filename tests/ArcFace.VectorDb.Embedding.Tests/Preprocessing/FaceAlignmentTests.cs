using System.Numerics;
using ArcFace.VectorDb.Embedding.Preprocessing;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Tests.Preprocessing;

public class FaceAlignmentTests
{
    /// <summary>The template seen through a known similarity (scale, rotation, shift) with up to ±0.3 px of noise per template pixel: landmarks as a detector would give them.</summary>
    private static Vector2[] Landmarks(float scale, float degrees, Vector2 shift, int seed)
    {
        var random = new Random(seed);
        var forward = Matrix3x2.CreateScale(scale) * Matrix3x2.CreateRotation(degrees * MathF.PI / 180) * Matrix3x2.CreateTranslation(shift);
        return [.. FaceAlignment.Template112.Select(p => Vector2.Transform(p, forward) + 0.3f * scale * new Vector2((float)random.NextDouble() * 2 - 1, (float)random.NextDouble() * 2 - 1))];
    }

    [Theory]
    [InlineData(1.0f, 0f, 1)]
    [InlineData(2.3f, 25f, 2)]
    [InlineData(0.6f, -40f, 3)]
    public void The_transform_maps_the_five_landmarks_onto_the_template_within_half_a_pixel(float scale, float degrees, int seed)
    {
        var landmarks = Landmarks(scale, degrees, new Vector2(40, 70), seed);

        var transform = FaceAlignment.EstimateSimilarity(landmarks, FaceAlignment.Template112);

        for (int i = 0; i < 5; i++)
            Assert.True(Vector2.Distance(Vector2.Transform(landmarks[i], transform), FaceAlignment.Template112[i]) < 0.5f,
                $"landmark {i} lands {Vector2.Distance(Vector2.Transform(landmarks[i], transform), FaceAlignment.Template112[i]):F3} px off");
    }

    [Fact]
    public void Exact_landmarks_land_on_the_template_within_a_thousandth_of_a_pixel_at_any_model_size()
    {
        var forward = Matrix3x2.CreateScale(1.8f) * Matrix3x2.CreateRotation(0.3f) * Matrix3x2.CreateTranslation(15, -4);
        var landmarks = FaceAlignment.Template112.Select(p => Vector2.Transform(p, forward)).ToArray();
        var target = FaceAlignment.Template(128, 128);

        var transform = FaceAlignment.EstimateSimilarity(landmarks, target);

        for (int i = 0; i < 5; i++)
            Assert.True(Vector2.Distance(Vector2.Transform(landmarks[i], transform), target[i]) < 1e-3f);
    }

    [Fact]
    public void Align_warps_a_marked_point_onto_its_template_position()
    {
        var landmarks = Landmarks(2f, 15f, new Vector2(30, 20), seed: 0);
        var noseInImage = landmarks[2];
        using var image = SyntheticImages.Make(400, 400, (x, y) => Vector2.Distance(new Vector2(x, y), noseInImage) < 6 ? new Rgb24(255, 255, 255) : new Rgb24(0, 0, 0));

        using var aligned = FaceAlignment.Align(image, landmarks, 112, 112);

        Assert.Equal((112, 112), (aligned.Width, aligned.Height));
        var nose = FaceAlignment.Template112[2];
        Assert.True(aligned[(int)MathF.Round(nose.X), (int)MathF.Round(nose.Y)].R > 200, "the nose mark did not land on the template's nose");
        Assert.Equal(0, aligned[5, 5].R);
    }

    [Fact]
    public void Anything_but_five_distinct_landmarks_is_refused()
    {
        using var image = SyntheticImages.Make(10, 10, SyntheticImages.Gradient);

        Assert.Throws<ArgumentException>(() => FaceAlignment.Align(image, [Vector2.Zero, Vector2.One], 112, 112));
        Assert.Throws<ArgumentException>(() => FaceAlignment.Align(image, [.. Enumerable.Repeat(new Vector2(3, 3), 5)], 112, 112));
    }
}
