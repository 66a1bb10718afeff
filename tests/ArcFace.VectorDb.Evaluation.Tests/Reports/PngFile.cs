using System.Buffers.Binary;
using SkiaSharp;

namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

/// <summary>What a test can check of a PNG written to disk: its header, and its pixels once decoded.</summary>
internal sealed class PngFile : IDisposable
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly SKBitmap bitmap;

    /// <summary>Reads the file, checks the PNG signature and IHDR chunk, and decodes it.</summary>
    public PngFile(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(Signature), $"{path} does not start with the PNG signature.");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        HeaderWidth = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        HeaderHeight = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        bitmap = SKBitmap.Decode(bytes) ?? throw new InvalidDataException($"{path} does not decode as an image.");
    }

    /// <summary>Width recorded in the IHDR chunk.</summary>
    public int HeaderWidth { get; }

    /// <summary>Height recorded in the IHDR chunk.</summary>
    public int HeaderHeight { get; }

    /// <summary>Width of the decoded image.</summary>
    public int Width => bitmap.Width;

    /// <summary>Height of the decoded image.</summary>
    public int Height => bitmap.Height;

    /// <summary>Distinct colours in the whole image.</summary>
    public int DistinctColours()
    {
        var colours = new HashSet<SKColor>();
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
                colours.Add(bitmap.GetPixel(x, y));
        }
        return colours.Count;
    }

    /// <summary>Pixels in the rectangle darker than mid grey: ink of text, lines or ticks.</summary>
    public int DarkPixels(int left, int top, int width, int height)
    {
        int dark = 0;
        for (int y = top; y < top + height; y++)
        {
            for (int x = left; x < left + width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Red + pixel.Green + pixel.Blue < 3 * 128)
                    dark++;
            }
        }
        return dark;
    }

    /// <summary>Frees the decoded pixels.</summary>
    public void Dispose() => bitmap.Dispose();
}
