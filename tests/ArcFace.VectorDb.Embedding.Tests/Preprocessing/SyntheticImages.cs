using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Tests.Preprocessing;

/// <summary>Small images with known pixels.</summary>
internal static class SyntheticImages
{
    /// <summary>An image whose pixel (x, y) is <paramref name="color"/>(x, y).</summary>
    public static Image<Rgb24> Make(int width, int height, Func<int, int, Rgb24> color)
    {
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = color(x, y);
        return image;
    }

    /// <summary>Distinct values per pixel and channel.</summary>
    public static Rgb24 Gradient(int x, int y) => new((byte)(10 + 40 * x + 7 * y), (byte)(200 - 30 * y + x), (byte)(90 + 11 * x * y));
}
