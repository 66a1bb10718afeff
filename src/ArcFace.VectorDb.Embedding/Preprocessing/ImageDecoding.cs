using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>The outcome of decoding one gallery file: an upright RGB image, or the reason the file cannot be used.</summary>
public readonly record struct DecodedImage(Image<Rgb24>? Image, string? Problem);

/// <summary>Decodes gallery files defensively: completeness, size limits and decoder errors all become a reason, never an exception.</summary>
public static class ImageDecoding
{
    /// <summary>Decodes <paramref name="bytes"/> (the whole file), or says why it cannot.</summary>
    public static DecodedImage Decode(byte[] bytes, DecodeLimits limits)
    {
        if (ImageFileCheck.Problem(bytes) is { } problem)
            return new(null, problem);
        try
        {
            var info = Image.Identify(bytes);
            if (info is null)
                return new(null, "not an image (unknown format)");
            if (Math.Min(info.Width, info.Height) < limits.MinSide)
                return new(null, $"too small: {info.Width}×{info.Height}, the shorter side must be at least {limits.MinSide} px");
            if ((long)info.Width * info.Height > limits.MaxPixels)
                return new(null, $"too large: {info.Width}×{info.Height} is more than {limits.MaxPixels:N0} pixels");
            using var stream = new MemoryStream(bytes, writable: false);
            return new(ImageLoader.Load(stream), null);
        }
        catch (UnknownImageFormatException)
        {
            return new(null, "not an image (unknown format)");
        }
        catch (InvalidImageContentException e)
        {
            return new(null, $"corrupt image: {e.Message}");
        }
        catch (ImageFormatException e)
        {
            return new(null, $"unreadable image: {e.Message}");
        }
    }

    /// <summary>Reads and decodes a file, or says why it cannot.</summary>
    public static DecodedImage Decode(string path, DecodeLimits limits)
    {
        if (Directory.Exists(path))
            return new(null, "a directory, not an image file: name the image files in it (JPEG, PNG, ...)");
        try
        {
            return Decode(File.ReadAllBytes(path), limits);
        }
        catch (IOException e)
        {
            return new(null, $"unreadable file: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return new(null, $"unreadable file: {e.Message}");
        }
    }
}
