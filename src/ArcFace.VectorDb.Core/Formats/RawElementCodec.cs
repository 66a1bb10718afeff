using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Core.Formats;

/// <summary>Elements stored exactly as they are held in memory (little-endian): read straight into the target array.</summary>
internal sealed unsafe class RawElementCodec<T> : ElementCodec<T>
    where T : unmanaged
{
    private const int ChunkBytes = 1 << 26;

    /// <inheritdoc/>
    public override int StoredSize => sizeof(T);

    /// <inheritdoc/>
    public override long Read(Stream stream, Span<T> target, string path, int width, long firstRow)
    {
        int chunk = ChunkBytes / sizeof(T);
        long total = 0;
        for (int start = 0; start < target.Length; start += chunk)
        {
            var bytes = MemoryMarshal.AsBytes(target.Slice(start, Math.Min(chunk, target.Length - start)));
            int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            total += got;
            if (got < bytes.Length)
                break;
        }
        return total;
    }
}
