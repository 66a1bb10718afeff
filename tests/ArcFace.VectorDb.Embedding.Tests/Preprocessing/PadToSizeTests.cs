using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Tests.Preprocessing;

/// <summary>PadToSize on a real 28×28 Fashion-MNIST image: its pixels land unscaled at the centre of the model's 32×32 input, the fill around them.</summary>
public class PadToSizeTests
{
    private static readonly PreprocessSpec Spec = PreprocessPresets.Insightface(32, 32) with { Mode = ResizeMode.PadToSize };

    private static string RealImage => RepositoryFiles.Path("assets", "gallery", "fashion-mnist", "Bag", "t10k-00018.png");

    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    public void A_28x28_image_keeps_every_pixel_value_2_pixels_in_from_each_side_and_the_border_is_the_fill(byte fill)
    {
        using var image = ImageLoader.Load(RealImage);
        var tensor = new float[Spec.TensorLength];

        TensorWriter.Write(image, Spec with { Fill = fill }, tensor);

        Assert.Equal((28, 28), (image.Width, image.Height));
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 32; y++)
            {
                for (int x = 0; x < 32; x++)
                {
                    bool inside = x is >= 2 and < 30 && y is >= 2 and < 30;
                    float pixel = inside ? Channel(image[x - 2, y - 2], c) : fill;
                    Assert.Equal((pixel - 127.5f) / 127.5f, tensor[(c * 32 + y) * 32 + x]);
                }
            }
        }
    }

    [Fact]
    public void An_image_larger_than_the_input_is_refused_naming_both_sizes_and_never_scaled()
    {
        using var dir = new TempDirectory();
        using (var large = new Image<Rgb24>(40, 30))
            large.SaveAsPng(dir.File("large.png"));
        using var image = ImageLoader.Load(dir.File("large.png"));
        var tensor = new float[Spec.TensorLength];

        string? problem = ImagePreparation.Prepare(new GalleryItem(dir.File("large.png"), "large.png", "x", 1), Spec, new DecodeLimits(), tensor);
        var thrown = Assert.Throws<ArgumentException>(() => TensorWriter.Write(image, Spec, tensor));

        Assert.Equal("too large for resize mode PadToSize: 40×30 does not fit the 32×32 input unscaled (choose another resize mode to scale it)", problem);
        Assert.StartsWith(problem, thrown.Message);
    }

    [Fact]
    public void A_fill_with_a_mode_that_never_pads_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => (PreprocessPresets.Insightface(32, 32) with { Fill = 5 }).Validate());

        Assert.Contains("only applies to resize mode Pad or PadToSize", error.Message);
    }

    private static byte Channel(Rgb24 p, int c) => c == 0 ? p.R : c == 1 ? p.G : p.B;
}
