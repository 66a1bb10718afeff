using ArcFace.VectorDb.Embedding.Detection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>Draws detections onto a photo pixel by pixel: each box outlined 2 px wide, each landmark a small dot.</summary>
internal static class FaceDrawing
{
    private const int Line = 2;
    private const int DotRadius = 2;
    private static readonly Rgb24 BoxColour = new(0, 255, 0);
    private static readonly Rgb24 DotColour = new(255, 0, 0);

    /// <summary>Draws every face onto <paramref name="photo"/> (in place).</summary>
    public static void Draw(Image<Rgb24> photo, IReadOnlyList<DetectedFace> faces)
    {
        foreach (var face in faces)
        {
            int left = (int)MathF.Round(face.Box.Left), top = (int)MathF.Round(face.Box.Top);
            int right = (int)MathF.Round(face.Box.Right) - 1, bottom = (int)MathF.Round(face.Box.Bottom) - 1;
            Fill(photo, left, top, right, top + Line - 1, BoxColour);
            Fill(photo, left, bottom - Line + 1, right, bottom, BoxColour);
            Fill(photo, left, top, left + Line - 1, bottom, BoxColour);
            Fill(photo, right - Line + 1, top, right, bottom, BoxColour);
            foreach (var point in face.Landmarks)
            {
                int x = (int)MathF.Round(point.X), y = (int)MathF.Round(point.Y);
                Fill(photo, x - DotRadius, y - DotRadius, x + DotRadius, y + DotRadius, DotColour);
            }
        }
    }

    /// <summary>Sets every pixel of the rectangle [x0, x1] × [y0, y1] that lies in the photo.</summary>
    private static void Fill(Image<Rgb24> photo, int x0, int y0, int x1, int y1, Rgb24 colour)
    {
        for (int y = Math.Max(0, y0); y <= Math.Min(photo.Height - 1, y1); y++)
        {
            for (int x = Math.Max(0, x0); x <= Math.Min(photo.Width - 1, x1); x++)
                photo[x, y] = colour;
        }
    }
}
