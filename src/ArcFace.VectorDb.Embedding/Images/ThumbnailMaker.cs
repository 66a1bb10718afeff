using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ArcFace.VectorDb.Embedding.Images;

/// <summary>The small JPEG kept per point: the crop it came from (an aligned face, or the whole image) scaled down, never up, so its longer side is at most <see cref="MaxSide"/>.</summary>
public sealed record ThumbnailMaker(int MaxSide = 128, int Quality = 80)
{
    /// <summary>The JPEG of <paramref name="image"/> at most <see cref="MaxSide"/> pixels on its longer side.</summary>
    public byte[] Make(Image<Rgb24> image)
    {
        using var stream = new MemoryStream();
        var encoder = new JpegEncoder { Quality = Quality };
        int longer = Math.Max(image.Width, image.Height);
        if (longer <= MaxSide)
        {
            image.SaveAsJpeg(stream, encoder);
            return stream.ToArray();
        }
        int width = Math.Max(1, (int)Math.Round((double)image.Width * MaxSide / longer));
        int height = Math.Max(1, (int)Math.Round((double)image.Height * MaxSide / longer));
        using var small = image.Clone(context => context.Resize(width, height));
        small.SaveAsJpeg(stream, encoder);
        return stream.ToArray();
    }
}
