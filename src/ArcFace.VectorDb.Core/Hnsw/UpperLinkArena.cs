using System.Runtime.CompilerServices;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// Link lists of levels 1 and above, bump-allocated in chunks of native ints. A node of level L owns L consecutive
/// lists of (1 + M) ints each: a count, then M node indexes. Only about 1/M of the nodes have any.
/// </summary>
internal sealed unsafe class UpperLinkArena : IDisposable
{
    private readonly object allocateLock = new();
    private readonly NativeChunkList chunks;
    private long used;

    /// <summary>Creates an arena for lists of <paramref name="m"/> links; no block is ever larger than <paramref name="maxBlockInts"/>; the chunk size is derived unless given.</summary>
    public UpperLinkArena(int m, int maxBlockInts, int? chunkShift = null)
    {
        ListInts = 1 + m;
        ChunkShift = chunkShift ?? 16;
        while ((1 << ChunkShift) < maxBlockInts)
            ChunkShift++;
        chunks = new NativeChunkList((long)sizeof(int) << ChunkShift);
    }

    /// <summary>Ints per list: the count and M links.</summary>
    public int ListInts { get; }

    /// <summary>log2 of the ints per chunk.</summary>
    public int ChunkShift { get; }

    /// <summary>Ints handed out so far, including the unused tails of chunks.</summary>
    public long Used => Volatile.Read(ref used);

    /// <summary>Bytes of native memory held.</summary>
    public long AllocatedBytes => chunks.AllocatedBytes;

    /// <summary>Reserves the zeroed lists of a node of the given level and returns their offset.</summary>
    public int Allocate(int level)
    {
        int ints = level * ListInts;
        lock (allocateLock)
        {
            long chunkInts = 1L << ChunkShift;
            if ((used & (chunkInts - 1)) + ints > chunkInts)
                used = (used + chunkInts - 1) & ~(chunkInts - 1);
            if (used + ints > int.MaxValue)
                throw new InvalidOperationException("The upper-level link arena is full (2^31 ints).");
            long offset = used;
            chunks.EnsureCount((int)((offset + ints + chunkInts - 1) >> ChunkShift));
            Volatile.Write(ref used, offset + ints);
            return (int)offset;
        }
    }

    /// <summary>Sets the used size and allocates its chunks (used when loading a snapshot).</summary>
    public void Reserve(long ints)
    {
        chunks.EnsureCount((int)((ints + (1L << ChunkShift) - 1) >> ChunkShift));
        used = ints;
    }

    /// <summary>The list of the node whose block starts at <paramref name="offset"/>, at <paramref name="level"/> ≥ 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int* List(int offset, int level)
    {
        int at = offset + (level - 1) * ListInts;
        return (int*)chunks[at >> ChunkShift] + (at & ((1 << ChunkShift) - 1));
    }

    /// <summary>Appends the used part of every chunk, in order.</summary>
    public void AddPersistentRegions(List<(nint Address, long Length)> regions)
    {
        long chunkInts = 1L << ChunkShift;
        long total = Used;
        for (int c = 0; (long)c * chunkInts < total; c++)
            regions.Add(((nint)chunks[c], Math.Min(chunkInts, total - c * chunkInts) * sizeof(int)));
    }

    /// <summary>Frees the native memory.</summary>
    public void Dispose() => chunks.Dispose();
}
