using ArcFace.VectorDb.Embedding.Preprocessing;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Tests.Preprocessing;

public class TensorWriterTests
{
    private static float[] Tensor(SixLabors.ImageSharp.Image<Rgb24> image, PreprocessSpec spec)
    {
        var tensor = new float[spec.TensorLength];
        TensorWriter.Write(image, spec, tensor);
        return tensor;
    }

    private static void AssertPlanes(float[] tensor, int width, int height, Func<int, int, int, double> expected)
    {
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    Assert.Equal(expected(c, x, y), tensor[c * width * height + y * width + x], 1e-6);
    }

    private static byte Channel(Rgb24 p, int c) => c == 0 ? p.R : c == 1 ? p.G : p.B;

    [Fact]
    public void Insightface_preset_gives_x_minus_127_5_over_127_5_in_rgb_chw()
    {
        using var image = SyntheticImages.Make(3, 2, SyntheticImages.Gradient);

        var tensor = Tensor(image, PreprocessPresets.Insightface(3, 2));

        AssertPlanes(tensor, 3, 2, (c, x, y) => (Channel(SyntheticImages.Gradient(x, y), c) - 127.5) / 127.5);
    }

    [Fact]
    public void Imagenet_preset_gives_pixels_over_255_minus_mean_over_std()
    {
        using var image = SyntheticImages.Make(4, 3, SyntheticImages.Gradient);
        double[] mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];

        var tensor = Tensor(image, PreprocessPresets.Imagenet(4, 3));

        AssertPlanes(tensor, 4, 3, (c, x, y) => (Channel(SyntheticImages.Gradient(x, y), c) / 255.0 - mean[c]) / std[c]);
    }

    [Fact]
    public void Bgr_order_puts_blue_in_the_first_plane()
    {
        using var image = SyntheticImages.Make(2, 2, SyntheticImages.Gradient);

        var tensor = Tensor(image, PreprocessPresets.Insightface(2, 2) with { Order = ChannelOrder.Bgr });

        AssertPlanes(tensor, 2, 2, (c, x, y) => (Channel(SyntheticImages.Gradient(x, y), 2 - c) - 127.5) / 127.5);
    }

    [Fact]
    public void Mmpretrain_inshop_squashes_to_512_and_keeps_the_centre_448()
    {
        var inside = new Rgb24(20, 60, 220);
        using var image = SyntheticImages.Make(600, 300, (x, y) => x < 20 || x >= 580 || y < 10 || y >= 290 ? new Rgb24(255, 0, 0) : inside);
        double[] mean = [123.675, 116.28, 103.53], std = [58.395, 57.12, 57.375];

        var tensor = Tensor(image, PreprocessPresets.MmpretrainInshop());

        Assert.Equal(3 * 448 * 448, tensor.Length);
        AssertPlanes(tensor, 448, 448, (c, _, _) => (Channel(inside, c) - mean[c]) / std[c]);
    }

    [Fact]
    public void Shorter_side_crop_keeps_the_centre_and_pad_letterboxes_in_black()
    {
        var red = new Rgb24(255, 0, 0);
        var blue = new Rgb24(0, 0, 255);
        using var halves = SyntheticImages.Make(200, 100, (x, _) => x < 100 ? red : blue);
        using var white = SyntheticImages.Make(200, 100, (_, _) => new Rgb24(255, 255, 255));
        var spec = PreprocessPresets.Insightface(50, 50);

        using var cropped = TensorWriter.Resize(halves, spec with { Mode = ResizeMode.ShorterSideCenterCrop });
        using var padded = TensorWriter.Resize(white, spec with { Mode = ResizeMode.Pad });

        Assert.Equal((50, 50), (cropped.Width, cropped.Height));
        Assert.Equal(red, cropped[0, 25]);
        Assert.Equal(blue, cropped[49, 25]);
        Assert.Equal((50, 50), (padded.Width, padded.Height));
        Assert.Equal(new Rgb24(0, 0, 0), padded[25, 5]);
        Assert.Equal(new Rgb24(255, 255, 255), padded[25, 25]);
        Assert.Equal(new Rgb24(0, 0, 0), padded[25, 45]);
    }

    [Fact]
    public void A_spec_that_crops_more_than_it_resizes_or_has_a_zero_std_is_refused()
    {
        Assert.Throws<ArgumentException>(() => (PreprocessPresets.Insightface(112, 112) with { ResizeWidth = 100 }).Validate());
        Assert.Throws<ArgumentException>(() => (PreprocessPresets.Insightface(112, 112) with { Std = [1, 0, 1] }).Validate());
        Assert.Contains("Unknown preprocessing preset 'arcface'", Assert.Throws<ArgumentException>(() => PreprocessPresets.ByName("arcface", 112, 112)).Message);
    }
}
