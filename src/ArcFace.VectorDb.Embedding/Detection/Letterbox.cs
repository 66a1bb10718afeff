using System.Numerics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>
/// Where a photo sits in the detector input: scaled down (never up, aspect kept) to ScaledWidth×ScaledHeight at the top left of
/// an InputWidth×InputHeight canvas whose padding is the mean colour; and the way back to photo pixels.
/// </summary>
internal readonly record struct Letterbox(int PhotoWidth, int PhotoHeight, int ScaledWidth, int ScaledHeight, int InputWidth, int InputHeight)
{
    /// <summary>The input sides are multiples of this (the coarsest RetinaFace step).</summary>
    public const int Stride = 32;

    /// <summary>The pixel means subtracted per B, G, R plane.</summary>
    public static readonly Vector3 MeanBgr = new(104, 117, 123);

    /// <summary>A dynamic-size input: the longer side scaled to at most <paramref name="detSize"/>, each side padded to the next multiple of 32.</summary>
    public static Letterbox Fit(int photoWidth, int photoHeight, int detSize)
    {
        var (width, height) = Scaled(photoWidth, photoHeight, detSize, detSize);
        return new(photoWidth, photoHeight, width, height, RoundUp(width), RoundUp(height));
    }

    /// <summary>A fixed-size input, as a model with a fixed H and W declares: the photo scaled down to fit inside it.</summary>
    public static Letterbox Fixed(int photoWidth, int photoHeight, int inputWidth, int inputHeight)
    {
        var (width, height) = Scaled(photoWidth, photoHeight, inputWidth, inputHeight);
        return new(photoWidth, photoHeight, width, height, inputWidth, inputHeight);
    }

    /// <summary>Floats in one image's tensor.</summary>
    public int TensorLength => 3 * InputWidth * InputHeight;

    /// <summary>Writes the photo as B, G, R planes minus the mean (padding 0, the mean colour) into one image's tensor.</summary>
    public void Write(Image<Rgb24> photo, Span<float> tensor)
    {
        var size = new Size(ScaledWidth, ScaledHeight);
        using var resized = photo.Size() == size ? null : photo.Clone(x => x.Resize(size, KnownResamplers.Triangle, compand: false));
        var source = resized ?? photo;
        int plane = InputWidth * InputHeight;
        var blue = tensor.Slice(0, plane);
        var green = tensor.Slice(plane, plane);
        var red = tensor.Slice(2 * plane, plane);
        tensor[..TensorLength].Clear();
        for (int y = 0; y < ScaledHeight; y++)
        {
            var row = source.DangerousGetPixelRowMemory(y).Span;
            int at = y * InputWidth;
            for (int x = 0; x < ScaledWidth; x++)
            {
                blue[at + x] = row[x].B - MeanBgr.X;
                green[at + x] = row[x].G - MeanBgr.Y;
                red[at + x] = row[x].R - MeanBgr.Z;
            }
        }
    }

    /// <summary>A face found in the input, in photo pixels: coordinates divided by the scale, the box clamped to the photo.</summary>
    public DetectedFace ToPhoto(DetectedFace face)
    {
        var scale = new Vector2((float)PhotoWidth / ScaledWidth, (float)PhotoHeight / ScaledHeight);
        var landmarks = new Vector2[face.Landmarks.Length];
        for (int i = 0; i < landmarks.Length; i++)
            landmarks[i] = face.Landmarks[i] * scale;
        var box = face.Box;
        return new DetectedFace(
            new FaceBox(
                Math.Clamp(box.Left * scale.X, 0, PhotoWidth), Math.Clamp(box.Top * scale.Y, 0, PhotoHeight),
                Math.Clamp(box.Right * scale.X, 0, PhotoWidth), Math.Clamp(box.Bottom * scale.Y, 0, PhotoHeight)),
            face.Score,
            landmarks);
    }

    private static (int Width, int Height) Scaled(int photoWidth, int photoHeight, int maxWidth, int maxHeight)
    {
        if (photoWidth < 1 || photoHeight < 1)
            throw new ArgumentException($"A photo of {photoWidth}×{photoHeight} pixels has nothing to detect.");
        double scale = Math.Min(1, Math.Min(maxWidth / (double)photoWidth, maxHeight / (double)photoHeight));
        return (Math.Clamp((int)Math.Round(photoWidth * scale), 1, maxWidth), Math.Clamp((int)Math.Round(photoHeight * scale), 1, maxHeight));
    }

    private static int RoundUp(int side) => (side + Stride - 1) / Stride * Stride;
}
