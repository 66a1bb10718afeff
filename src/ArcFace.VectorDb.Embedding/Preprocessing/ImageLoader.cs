using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>Decodes image files into upright 8-bit RGB: EXIF orientation applied, grey and palette expanded, alpha dropped.</summary>
public static class ImageLoader
{
    /// <summary>Decodes an image from a stream.</summary>
    public static Image<Rgb24> Load(Stream stream)
    {
        var image = Image.Load<Rgb24>(stream);
        image.Mutate(x => x.AutoOrient());
        return image;
    }

    /// <summary>Decodes an image file.</summary>
    public static Image<Rgb24> Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }
}
