using System.Numerics;
using ArcFace.VectorDb.Embedding.Detection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Tests.Detection;

/// <summary>The detector input: its size, its BGR mean-subtracted planes and padding, and the way back to photo pixels.</summary>
public class LetterboxTests
{
    [Theory]
    [InlineData(250, 250, 640, 250, 250, 256, 256)]
    [InlineData(900, 500, 640, 640, 356, 640, 384)]
    [InlineData(500, 900, 640, 356, 640, 384, 640)]
    [InlineData(1000, 1000, 320, 320, 320, 320, 320)]
    [InlineData(31, 7, 640, 31, 7, 32, 32)]
    public void A_photo_is_scaled_down_to_det_size_never_up_and_padded_to_multiples_of_32(int width, int height, int detSize, int scaledWidth, int scaledHeight, int inputWidth, int inputHeight)
    {
        Assert.Equal(new Letterbox(width, height, scaledWidth, scaledHeight, inputWidth, inputHeight), Letterbox.Fit(width, height, detSize));
    }

    [Fact]
    public void A_fixed_input_fits_the_photo_inside_it_without_padding_to_32()
    {
        Assert.Equal(new Letterbox(900, 500, 640, 356, 640, 640), Letterbox.Fixed(900, 500, 640, 640));
    }

    [Fact]
    public void The_tensor_holds_blue_green_red_planes_minus_the_mean_at_the_top_left_and_zero_padding()
    {
        using var photo = new Image<Rgb24>(2, 1);
        photo[0, 0] = new Rgb24(10, 20, 30);
        photo[1, 0] = new Rgb24(200, 150, 100);
        var letterbox = Letterbox.Fit(2, 1, 640);
        var tensor = Enumerable.Repeat(7f, letterbox.TensorLength).ToArray();

        letterbox.Write(photo, tensor);

        int plane = 32 * 32;
        Assert.Equal([30 - 104f, 100 - 104f], tensor[0..2]);
        Assert.Equal([20 - 117f, 150 - 117f], tensor[plane..(plane + 2)]);
        Assert.Equal([10 - 123f, 200 - 123f], tensor[(2 * plane)..(2 * plane + 2)]);
        Assert.Equal(3 * plane - 6, tensor.Count(v => v == 0));
    }

    [Fact]
    public void Faces_map_back_to_the_photo_divided_by_the_scale_with_boxes_clamped_to_the_photo()
    {
        var letterbox = Letterbox.Fit(1280, 640, 640); // scale 0.5
        var face = new DetectedFace(new FaceBox(-4, 10, 330, 400), 0.8f, [new(10, 20), new(30, 20), new(20, 30), new(12, 40), new(28, 40)]);

        var mapped = letterbox.ToPhoto(face);

        Assert.Equal(new FaceBox(0, 20, 660, 640), mapped.Box);
        Assert.Equal(0.8f, mapped.Score);
        Assert.Equal([new Vector2(20, 40), new(60, 40), new(40, 60), new(24, 80), new(56, 80)], mapped.Landmarks);
    }
}
