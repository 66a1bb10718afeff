using ArcFace.VectorDb.Embedding.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Tests.Images;

public class ThumbnailMakerTests
{
    [Theory]
    [InlineData(100, 400, 32, 128)]
    [InlineData(400, 100, 128, 32)]
    [InlineData(112, 112, 112, 112)]
    [InlineData(20, 10, 20, 10)]
    public void A_thumbnail_is_a_jpeg_whose_longer_side_is_scaled_down_to_128_and_never_up(int width, int height, int expectedWidth, int expectedHeight)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(90, 120, 150));

        var jpeg = new ThumbnailMaker().Make(image);

        Assert.Equal("JPEG", Image.DetectFormat(jpeg).Name);
        using var decoded = Image.Load<Rgb24>(jpeg);
        Assert.Equal((expectedWidth, expectedHeight), (decoded.Width, decoded.Height));
    }
}
