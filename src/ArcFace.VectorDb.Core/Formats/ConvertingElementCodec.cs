using System.Buffers;
using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Core.Formats;

/// <summary>Converts stored elements to target elements; returns the index of the first value that does not fit, or -1.</summary>
internal delegate int SpanConverter<TStored, T>(ReadOnlySpan<TStored> source, Span<T> target);

/// <summary>Elements stored as another type (uint8, float64, int64): read in chunks into a pooled buffer, then converted.</summary>
internal sealed unsafe class ConvertingElementCodec<TStored, T>(SpanConverter<TStored, T> convert) : ElementCodec<T>
    where TStored : unmanaged
    where T : unmanaged
{
    private const int ChunkElements = 1 << 16;

    /// <inheritdoc/>
    public override int StoredSize => sizeof(TStored);

    /// <inheritdoc/>
    public override long Read(Stream stream, Span<T> target, string path, int width, long firstRow)
    {
        var buffer = ArrayPool<TStored>.Shared.Rent(Math.Min(ChunkElements, target.Length));
        try
        {
            long total = 0;
            for (int start = 0; start < target.Length; start += buffer.Length)
            {
                var stored = buffer.AsSpan(0, Math.Min(buffer.Length, target.Length - start));
                var bytes = MemoryMarshal.AsBytes(stored);
                int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                total += got;
                int whole = got / sizeof(TStored);
                int bad = convert(stored[..whole], target.Slice(start, whole));
                if (bad >= 0)
                {
                    long element = start + bad;
                    throw new VectorFileException(path, $"value {stored[bad]} at row {firstRow + element / width}, column {element % width} does not fit in {typeof(T).Name}.");
                }
                if (got < bytes.Length)
                    break;
            }
            return total;
        }
        finally
        {
            ArrayPool<TStored>.Shared.Return(buffer);
        }
    }
}
