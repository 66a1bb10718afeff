using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Testing.Images;

/// <summary>Image files for gallery tests: good PNG and JPEG photos, and every kind of unusable file with the reason it must be reported for.</summary>
internal static class GalleryFiles
{
    /// <summary>A smooth synthetic photo, encoded as PNG or JPEG (quality 90); <paramref name="seed"/> shifts its colours.</summary>
    public static byte[] Photo(bool png, int width = 64, int height = 48, int seed = 0)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 3 + seed * 37), (byte)(y * 5 + seed * 11), (byte)(128 + seed * 53));
        }
        using var stream = new MemoryStream();
        if (png)
            image.SaveAsPng(stream);
        else
            image.SaveAsJpeg(stream, new JpegEncoder { Quality = 90 });
        return stream.ToArray();
    }

    /// <summary>A PNG whose IHDR claims another size, with the chunk CRC recomputed so only the size is odd.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var bytes = Photo(png: true, 16, 16);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), PngCrc(bytes.AsSpan(12, 17)));
        return bytes;
    }

    /// <summary>Unusable files by name (with a plausible image extension), their bytes and a phrase their reason must contain.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes, string Reason)> Unusable()
    {
        var jpeg = Photo(png: false);
        var png = Photo(png: true);
        var badCrc = (byte[])png.Clone();
        badCrc[18] ^= 0x01;
        return
        [
            ("truncated.jpg", jpeg[..(jpeg.Length / 2)], "truncated JPEG"),
            ("truncated.png", png[..(png.Length - 20)], "truncated PNG"),
            ("text.jpg", "this is not an image"u8.ToArray(), "not an image"),
            ("empty.png", [], "empty file"),
            ("bad-crc.png", badCrc, "corrupt image"),
            ("tiny-1x1.png", Photo(png: true, 1, 1), "too small: 1×1"),
            ("huge-10000x10000.png", PngClaiming(10_000, 10_000), "too large: 10000×10000"),
        ];
    }

    private static uint PngCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
