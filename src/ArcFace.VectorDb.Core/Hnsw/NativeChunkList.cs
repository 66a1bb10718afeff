using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// A growable list of equal-sized, zeroed, 64-byte aligned native memory chunks. Growth adds a chunk and never moves
/// existing ones, so readers may hold pointers into them while writers grow the list.
/// </summary>
internal sealed unsafe class NativeChunkList : IDisposable
{
    private const int Alignment = 64;
    private readonly object growLock = new();
    private nint[] aligned = new nint[8];
    private nint[] raw = new nint[8];
    private int count;

    /// <summary>Creates an empty list of chunks of the given size.</summary>
    public NativeChunkList(long chunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        ChunkBytes = chunkBytes;
    }

    /// <summary>Bytes in every chunk.</summary>
    public long ChunkBytes { get; }

    /// <summary>Number of chunks allocated.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>Bytes allocated for all chunks.</summary>
    public long AllocatedBytes => Count * ChunkBytes;

    /// <summary>Start of a chunk; the chunk must exist.</summary>
    public byte* this[int chunk]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (byte*)Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Volatile.Read(ref aligned)), chunk);
    }

    /// <summary>Allocates chunks until the list holds at least <paramref name="chunks"/>.</summary>
    public void EnsureCount(int chunks)
    {
        if (Volatile.Read(ref count) >= chunks)
            return;
        lock (growLock)
        {
            while (count < chunks)
                Add();
        }
    }

    /// <summary>Frees every chunk.</summary>
    public void Dispose()
    {
        lock (growLock)
        {
            for (int i = 0; i < count; i++)
                NativeMemory.Free((void*)raw[i]);
            count = 0;
        }
    }

    private void Add()
    {
        void* block = NativeMemory.AllocZeroed((nuint)(ChunkBytes + Alignment));
        nint start = ((nint)block + Alignment - 1) & ~(nint)(Alignment - 1);
        if (count == aligned.Length)
        {
            var grownAligned = new nint[count * 2];
            var grownRaw = new nint[count * 2];
            aligned.AsSpan().CopyTo(grownAligned);
            raw.AsSpan().CopyTo(grownRaw);
            grownAligned[count] = start;
            grownRaw[count] = (nint)block;
            raw = grownRaw;
            Volatile.Write(ref aligned, grownAligned);
        }
        else
        {
            aligned[count] = start;
            raw[count] = (nint)block;
        }
        Volatile.Write(ref count, count + 1);
    }
}
