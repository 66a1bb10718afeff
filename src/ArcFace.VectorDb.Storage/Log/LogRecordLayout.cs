namespace ArcFace.VectorDb.Storage.Log;

/// <summary>
/// Byte layout of a log record, little-endian: version u8, op u8, attribute count u16, dimension u32, id u64,
/// label length u16, source length u16, text length u32 (label + source + attributes), then the UTF-8 label,
/// source and attributes (each key length u16, value length u16, key, value), zero padding to 4 bytes, the
/// float32 vector, and a CRC-32C of everything before it.
/// </summary>
internal static class LogRecordLayout
{
    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const byte CurrentVersion = 1;

    /// <summary>Bytes before the text.</summary>
    public const int HeaderBytes = 24;

    /// <summary>Bytes of the trailing checksum.</summary>
    public const int ChecksumBytes = 4;

    /// <summary>Largest dimension a record may carry (a guard against absurd lengths in damaged bytes).</summary>
    public const int MaxDimension = 1 << 16;

    /// <summary>Offsets of the header fields.</summary>
    public const int Version = 0, Operation = 1, AttributeCount = 2, Dimension = 4, Id = 8, LabelLength = 16, SourceLength = 18, TextLength = 20;

    /// <summary>Offset of the vector for a given text length: the text, padded to a multiple of 4.</summary>
    public static int VectorOffset(int textLength) => HeaderBytes + ((textLength + 3) & ~3);

    /// <summary>Total encoded length for a text length and a dimension.</summary>
    public static long TotalLength(long textLength, long dimension) => HeaderBytes + ((textLength + 3) & ~3L) + dimension * sizeof(float) + ChecksumBytes;
}
