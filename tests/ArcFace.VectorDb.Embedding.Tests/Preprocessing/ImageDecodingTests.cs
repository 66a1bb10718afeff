using System.Buffers.Binary;
using ArcFace.VectorDb.Embedding.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Tests.Preprocessing;

/// <summary>Every kind of unusable gallery file becomes a reason, never an exception; good files decode.</summary>
public class ImageDecodingTests
{
    private static readonly DecodeLimits Limits = new();

    private static byte[] Encode(Image<Rgb24> image, bool png)
    {
        using var stream = new MemoryStream();
        if (png)
            image.SaveAsPng(stream);
        else
            image.SaveAsJpeg(stream, new JpegEncoder { Quality = 90 });
        return stream.ToArray();
    }

    private static byte[] Photo(bool png, int width = 64, int height = 48)
    {
        using var image = SyntheticImages.Make(width, height, (x, y) => new Rgb24((byte)(x * 3), (byte)(y * 5), 128));
        return Encode(image, png);
    }

    /// <summary>A PNG whose IHDR claims another size, with the chunk CRC recomputed so only the size is odd.</summary>
    private static byte[] PngClaiming(int width, int height)
    {
        var bytes = Photo(png: true, 16, 16);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), PngCrc(bytes.AsSpan(12, 17)));
        return bytes;
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_good_png_or_jpeg_decodes_upright_at_its_size(bool png)
    {
        var decoded = ImageDecoding.Decode(Photo(png), Limits);

        Assert.Null(decoded.Problem);
        using var image = decoded.Image!;
        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Fact]
    public void Unusable_files_each_come_back_with_their_reason()
    {
        var jpeg = Photo(png: false);
        var png = Photo(png: true);
        var badCrc = (byte[])png.Clone();
        badCrc[18] ^= 0x01;

        var cases = new (string Name, byte[] Bytes, string Reason)[]
        {
            ("truncated JPEG", jpeg[..(jpeg.Length / 2)], "truncated JPEG"),
            ("truncated PNG", png[..(png.Length - 20)], "truncated PNG"),
            ("text named .jpg", "this is not an image"u8.ToArray(), "not an image"),
            ("empty file", [], "empty file"),
            ("PNG with a bad CRC", badCrc, "corrupt image"),
            ("1×1 image", Photo(png: true, 1, 1), "too small: 1×1"),
            ("10000×10000 image", PngClaiming(10_000, 10_000), "too large: 10000×10000"),
        };

        foreach (var (name, bytes, reason) in cases)
        {
            var decoded = ImageDecoding.Decode(bytes, Limits);
            Assert.True(decoded.Image is null, $"{name} decoded");
            Assert.True(decoded.Problem?.Contains(reason) == true, $"{name}: '{decoded.Problem}' does not say '{reason}'");
        }
    }

    [Fact]
    public void A_missing_file_is_a_reason_too()
    {
        var decoded = ImageDecoding.Decode(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.jpg"), Limits);

        Assert.Null(decoded.Image);
        Assert.StartsWith("unreadable file", decoded.Problem);
    }
}
