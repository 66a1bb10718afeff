using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Core.Formats;

/// <summary>TEXMEX .fvecs/.ivecs/.bvecs: per row a little-endian int32 dimension, then that many components.</summary>
internal static class TexmexFormat
{
    private const int HeaderBytes = sizeof(int);
    private const int UnknownLengthCapacity = 1024;

    /// <summary>Reads up to <paramref name="limit"/> rows; every row must have the dimension of the first.</summary>
    public static (T[] Data, int Width) Read<T>(Stream stream, string path, ElementCodec<T> codec, int limit)
        where T : unmanaged
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        int got = stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
        if (got == 0)
            throw VectorFileException.Empty(path);
        if (got < HeaderBytes)
            throw VectorFileException.Truncated(path, 0, HeaderBytes, got);
        int width = BinaryPrimitives.ReadInt32LittleEndian(header);
        FileShape.CheckWidth(path, width, "row 0");
        long rowBytes = HeaderBytes + (long)width * codec.StoredSize;

        int capacity = InitialCapacity(stream, path, rowBytes, width, limit);
        var data = GC.AllocateUninitializedArray<T>(capacity * width);
        int rows = 0;
        while (rows < limit)
        {
            if (rows > 0 && !ReadHeader(stream, path, header, rows, rowBytes, width))
                break;
            if (rows == capacity)
            {
                capacity = (int)Math.Min(limit, Math.Max(1, capacity * 2L));
                FileShape.CheckTotal(path, capacity, width);
                Array.Resize(ref data, capacity * width);
            }
            long payload = codec.Read(stream, data.AsSpan(rows * width, width), path, width, rows);
            if (payload < rowBytes - HeaderBytes)
                throw VectorFileException.Truncated(path, rows, rowBytes, HeaderBytes + payload);
            rows++;
        }
        if (rows < capacity)
            Array.Resize(ref data, rows * width);
        return (data, width);
    }

    /// <summary>Writes every row of <paramref name="width"/> components with its dimension in front.</summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> data, int width)
        where T : unmanaged
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, width);
        for (int start = 0; start < data.Length; start += width)
        {
            stream.Write(header);
            stream.Write(MemoryMarshal.AsBytes(data.Slice(start, width)));
        }
    }

    private static bool ReadHeader(Stream stream, string path, Span<byte> header, int row, long rowBytes, int width)
    {
        int got = stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
        if (got == 0)
            return false;
        if (got < HeaderBytes)
            throw VectorFileException.Truncated(path, row, rowBytes, got);
        int dimension = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (dimension != width)
            throw new VectorFileException(path, $"row {row} has dimension {dimension}, but the first row had {width}; every row must have the same dimension.");
        return true;
    }

    private static int InitialCapacity(Stream stream, string path, long rowBytes, int width, int limit)
    {
        long rows = stream.CanSeek
            ? (stream.Length - stream.Position + HeaderBytes + rowBytes - 1) / rowBytes
            : UnknownLengthCapacity;
        int capacity = (int)Math.Min(limit, rows);
        FileShape.CheckTotal(path, capacity, width);
        return capacity;
    }
}
