using System.Numerics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>Aligns a face by its 5 landmarks onto the ArcFace template with a least-squares similarity transform.</summary>
public static class FaceAlignment
{
    /// <summary>The ArcFace 112×112 template: left eye, right eye, nose tip, left and right mouth corners.</summary>
    public static IReadOnlyList<Vector2> Template112 { get; } =
    [
        new(38.2946f, 51.6963f), new(73.5318f, 51.5014f), new(56.0252f, 71.7366f), new(41.5493f, 92.3655f), new(70.7299f, 92.2041f),
    ];

    /// <summary>The template scaled to a width×height crop.</summary>
    public static Vector2[] Template(int width, int height) =>
        [.. Template112.Select(p => new Vector2(p.X * width / 112f, p.Y * height / 112f))];

    /// <summary>
    /// The similarity transform (rotation, uniform scale, translation; no reflection) that maps <paramref name="source"/>
    /// onto <paramref name="target"/> with the least squared error.
    /// </summary>
    public static Matrix3x2 EstimateSimilarity(IReadOnlyList<Vector2> source, IReadOnlyList<Vector2> target)
    {
        if (source.Count != target.Count || source.Count < 2)
            throw new ArgumentException($"A similarity needs at least 2 matching point pairs; got {source.Count} and {target.Count}.");
        var sourceMean = source.Aggregate(Vector2.Zero, (a, p) => a + p) / source.Count;
        var targetMean = target.Aggregate(Vector2.Zero, (a, p) => a + p) / target.Count;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < source.Count; i++)
        {
            var s = source[i] - sourceMean;
            var t = target[i] - targetMean;
            dot += s.X * t.X + s.Y * t.Y;
            cross += s.X * t.Y - s.Y * t.X;
            norm += s.X * s.X + s.Y * s.Y;
        }
        if (norm <= 0)
            throw new ArgumentException("The landmarks all coincide; they define no transform.");
        float a = (float)(dot / norm), b = (float)(cross / norm);
        var rotated = new Vector2(a * sourceMean.X - b * sourceMean.Y, b * sourceMean.X + a * sourceMean.Y);
        var translation = targetMean - rotated;
        return new Matrix3x2(a, b, -b, a, translation.X, translation.Y);
    }

    /// <summary>Warps <paramref name="image"/> so that its <paramref name="landmarks"/> land on the template of a width×height crop (bilinear; outside is black).</summary>
    public static Image<Rgb24> Align(Image<Rgb24> image, IReadOnlyList<Vector2> landmarks, int width, int height)
    {
        if (landmarks.Count != 5)
            throw new ArgumentException($"Alignment needs 5 landmarks (eyes, nose, mouth corners); got {landmarks.Count}.", nameof(landmarks));
        var transform = EstimateSimilarity(landmarks, Template(width, height));
        if (!Matrix3x2.Invert(transform, out var inverse))
            throw new ArgumentException("The landmarks give a degenerate transform.", nameof(landmarks));
        var output = new Image<Rgb24>(width, height);
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        int sourceWidth = image.Width, sourceHeight = image.Height;
        output.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < width; x++)
                    row[x] = Bilinear(pixels, sourceWidth, sourceHeight, Vector2.Transform(new Vector2(x, y), inverse));
            }
        });
        return output;
    }

    private static Rgb24 Bilinear(Rgb24[] pixels, int width, int height, Vector2 at)
    {
        int x0 = (int)MathF.Floor(at.X), y0 = (int)MathF.Floor(at.Y);
        float fx = at.X - x0, fy = at.Y - y0;
        Vector3 sum = Vector3.Zero;
        for (int dy = 0; dy <= 1; dy++)
        {
            for (int dx = 0; dx <= 1; dx++)
            {
                int x = x0 + dx, y = y0 + dy;
                if (x < 0 || y < 0 || x >= width || y >= height)
                    continue;
                float weight = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                var p = pixels[y * width + x];
                sum += weight * new Vector3(p.R, p.G, p.B);
            }
        }
        return new Rgb24((byte)Math.Clamp(MathF.Round(sum.X), 0, 255), (byte)Math.Clamp(MathF.Round(sum.Y), 0, 255), (byte)Math.Clamp(MathF.Round(sum.Z), 0, 255));
    }
}
