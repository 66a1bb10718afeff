using ArcFace.VectorDb.Embedding.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Tests.Preprocessing;

public class ImageLoaderTests
{
    private static Image<Rgb24> RoundTrip<TPixel>(Image<TPixel> image) where TPixel : unmanaged, IPixel<TPixel>
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        stream.Position = 0;
        return ImageLoader.Load(stream);
    }

    [Fact]
    public void Exif_orientation_is_applied_so_the_image_comes_back_upright()
    {
        var red = new Rgb24(255, 0, 0);
        var blue = new Rgb24(0, 0, 255);
        using var stored = SyntheticImages.Make(4, 2, (x, _) => x < 2 ? red : blue);
        stored.Metadata.ExifProfile = new ExifProfile();
        stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);

        using var upright = RoundTrip(stored);

        Assert.Equal((2, 4), (upright.Width, upright.Height));
        Assert.Equal(red, upright[0, 0]);
        Assert.Equal(blue, upright[0, 3]);
    }

    [Fact]
    public void Grey_becomes_rgb_and_alpha_is_dropped_without_blending()
    {
        using var grey = new Image<L8>(2, 1);
        grey[0, 0] = new L8(17);
        grey[1, 0] = new L8(230);
        using var transparent = new Image<Rgba32>(1, 1);
        transparent[0, 0] = new Rgba32(10, 20, 30, 0);

        using var fromGrey = RoundTrip(grey);
        using var fromAlpha = RoundTrip(transparent);

        Assert.Equal(new Rgb24(17, 17, 17), fromGrey[0, 0]);
        Assert.Equal(new Rgb24(230, 230, 230), fromGrey[1, 0]);
        Assert.Equal(new Rgb24(10, 20, 30), fromAlpha[0, 0]);
    }
}
