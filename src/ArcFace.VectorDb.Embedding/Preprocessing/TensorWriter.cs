using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>Turns an RGB image into a normalised CHW float tensor as a <see cref="PreprocessSpec"/> says (bilinear resizing).</summary>
public static class TensorWriter
{
    /// <summary>Writes <paramref name="image"/> into <paramref name="destination"/> (spec.TensorLength floats, planes in spec.Order).</summary>
    public static void Write(Image<Rgb24> image, PreprocessSpec spec, Span<float> destination)
    {
        if (destination.Length < spec.TensorLength)
            throw new ArgumentException($"The tensor needs {spec.TensorLength} floats; the buffer has {destination.Length}.", nameof(destination));
        bool resizes = spec.Mode != ResizeMode.Squash || image.Width != spec.ResizeWidth || image.Height != spec.ResizeHeight;
        using var scaled = resizes ? Resize(image, spec) : null;
        var resized = scaled ?? image;
        int left = (resized.Width - spec.Width) / 2, top = (resized.Height - spec.Height) / 2;
        int plane = spec.Width * spec.Height;
        int red = spec.Order == ChannelOrder.Rgb ? 0 : 2, blue = 2 - red;
        float[] mean = spec.Mean, std = spec.Std;
        float scale = spec.Scale;
        var tensor = destination[..spec.TensorLength];
        for (int y = 0; y < spec.Height; y++)
        {
            var row = resized.DangerousGetPixelRowMemory(top + y).Span.Slice(left, spec.Width);
            int at = y * spec.Width;
            for (int x = 0; x < row.Length; x++)
            {
                tensor[red * plane + at + x] = (row[x].R * scale - mean[0]) / std[0];
                tensor[plane + at + x] = (row[x].G * scale - mean[1]) / std[1];
                tensor[blue * plane + at + x] = (row[x].B * scale - mean[2]) / std[2];
            }
        }
    }

    /// <summary>The image brought to the spec's resize size by its mode (a new image; the input is untouched).</summary>
    internal static Image<Rgb24> Resize(Image<Rgb24> image, PreprocessSpec spec)
    {
        int width = image.Width, height = image.Height;
        int targetWidth = spec.ResizeWidth, targetHeight = spec.ResizeHeight;
        switch (spec.Mode)
        {
            case ResizeMode.Squash:
                return image.Clone(x => x.Resize(targetWidth, targetHeight, KnownResamplers.Triangle));
            case ResizeMode.ShorterSideCenterCrop:
            {
                double scale = Math.Max(targetWidth / (double)width, targetHeight / (double)height);
                var (w, h) = (Math.Max(targetWidth, (int)Math.Round(width * scale)), Math.Max(targetHeight, (int)Math.Round(height * scale)));
                return image.Clone(x => x.Resize(w, h, KnownResamplers.Triangle)
                    .Crop(new Rectangle((w - targetWidth) / 2, (h - targetHeight) / 2, targetWidth, targetHeight)));
            }
            case ResizeMode.PadToSize:
                return spec.SizeProblem(width, height) is { } problem ? throw new ArgumentException(problem, nameof(image)) : OnCanvas(image, spec);
            default:
            {
                double scale = Math.Min(targetWidth / (double)width, targetHeight / (double)height);
                var (w, h) = (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
                using var scaled = image.Clone(x => x.Resize(w, h, KnownResamplers.Triangle));
                return OnCanvas(scaled, spec);
            }
        }
    }

    /// <summary>The image's pixels, unchanged, centred on a resize-size canvas of the spec's fill.</summary>
    private static Image<Rgb24> OnCanvas(Image<Rgb24> image, PreprocessSpec spec)
    {
        var canvas = new Image<Rgb24>(spec.ResizeWidth, spec.ResizeHeight, new Rgb24(spec.Fill, spec.Fill, spec.Fill));
        int left = (spec.ResizeWidth - image.Width) / 2, top = (spec.ResizeHeight - image.Height) / 2;
        canvas.ProcessPixelRows(image, (target, source) =>
        {
            for (int y = 0; y < source.Height; y++)
                source.GetRowSpan(y).CopyTo(target.GetRowSpan(top + y)[left..]);
        });
        return canvas;
    }
}
