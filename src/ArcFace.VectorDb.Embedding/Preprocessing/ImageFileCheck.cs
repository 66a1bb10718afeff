namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>
/// Checks that image bytes are complete before decoding: ImageSharp decodes a file cut in half without an error
/// (the missing part comes out grey), so a JPEG must end with its EOI marker and a PNG with its IEND chunk.
/// </summary>
public static class ImageFileCheck
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> PngEnd => [(byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    /// <summary>Why the bytes cannot be a complete image, or null when nothing is wrong as far as the container shows.</summary>
    public static string? Problem(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return "empty file";
        if (bytes.StartsWith(PngSignature))
            return bytes.EndsWith(PngEnd) ? null : "truncated PNG: no IEND chunk at the end";
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
            return EndsWithJpegEoi(bytes) ? null : "truncated JPEG: no end-of-image marker (FF D9)";
        return null;
    }

    private static bool EndsWithJpegEoi(ReadOnlySpan<byte> bytes)
    {
        var trimmed = bytes.TrimEnd((byte)0);
        return trimmed.Length >= 4 && trimmed[^2] == 0xFF && trimmed[^1] == 0xD9;
    }
}
