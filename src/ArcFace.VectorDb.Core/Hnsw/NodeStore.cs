using System.Runtime.CompilerServices;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// Per-node storage of an HNSW graph in chunks of native memory: the code (the float vector, or its quantised form), the level-0 link list
/// (a count followed by 2·M slots) and small metadata (id, level, state, lock, upper-link offset).
/// Node indexes are dense and never reused; the chunk of node i is i &gt;&gt; ChunkShift.
/// </summary>
internal sealed unsafe class NodeStore : IDisposable
{
    private const int CacheLine = 64;
    private const long TargetChunkBytes = 4L << 20;

    private readonly NativeChunkList chunks;
    private readonly nint vectorOffset, vectorStride, linkOffset, linkStride;
    private readonly nint idOffset, upperOffsetOffset, nearestOffset, inLinksOffset, lockOffset, levelOffset, stateOffset;
    private int nodeCount;

    /// <summary>Lays out chunks for codes of <paramref name="codeBytes"/> bytes and level-0 lists of <paramref name="maxLinks0"/> links; the chunk size is derived unless given.</summary>
    public NodeStore(int codeBytes, int maxLinks0, HnswLayout layout, int? chunkShift = null)
    {
        CodeBytes = codeBytes;
        MaxLinks0 = maxLinks0;
        Layout = layout;
        long vectorBytes = codeBytes;
        long linkBytes = (1L + maxLinks0) * sizeof(int);
        long perNode = layout == HnswLayout.Interleaved
            ? AlignUp(vectorBytes + linkBytes, CacheLine)
            : AlignUp(vectorBytes, CacheLine) + linkBytes;
        perNode += sizeof(ulong) + 3 * sizeof(int) + sizeof(float) + 2;
        ChunkShift = chunkShift ?? ChunkShiftFor(perNode);
        long n = ChunkSize;
        long cursor = 0;
        if (layout == HnswLayout.Interleaved)
        {
            vectorStride = linkStride = (nint)AlignUp(vectorBytes + linkBytes, CacheLine);
            vectorOffset = 0;
            linkOffset = (nint)vectorBytes;
            cursor = n * vectorStride;
        }
        else
        {
            vectorStride = (nint)AlignUp(vectorBytes, CacheLine);
            linkStride = (nint)linkBytes;
            vectorOffset = 0;
            linkOffset = (nint)(n * vectorStride);
            cursor = AlignUp(linkOffset + n * linkStride, CacheLine);
        }
        idOffset = (nint)cursor;
        cursor = AlignUp(cursor + n * sizeof(ulong), CacheLine);
        upperOffsetOffset = (nint)cursor;
        cursor = AlignUp(cursor + n * sizeof(int), CacheLine);
        nearestOffset = (nint)cursor;
        cursor = AlignUp(cursor + n * sizeof(float), CacheLine);
        inLinksOffset = (nint)cursor;
        cursor = AlignUp(cursor + n * sizeof(int), CacheLine);
        lockOffset = (nint)cursor;
        cursor = AlignUp(cursor + n * sizeof(int), CacheLine);
        levelOffset = (nint)cursor;
        cursor = AlignUp(cursor + n, CacheLine);
        stateOffset = (nint)cursor;
        cursor = AlignUp(cursor + n, CacheLine);
        chunks = new NativeChunkList(cursor);
    }

    /// <summary>Bytes per code.</summary>
    public int CodeBytes { get; }

    /// <summary>Link slots per level-0 list.</summary>
    public int MaxLinks0 { get; }

    /// <summary>How vectors and level-0 links are placed.</summary>
    public HnswLayout Layout { get; }

    /// <summary>log2 of the nodes per chunk.</summary>
    public int ChunkShift { get; }

    /// <summary>Nodes per chunk.</summary>
    public int ChunkSize => 1 << ChunkShift;

    /// <summary>Node indexes handed out so far (some may still be under construction).</summary>
    public int NodeCount => Volatile.Read(ref nodeCount);

    /// <summary>Nodes that fit in the chunks allocated so far.</summary>
    public int Capacity => chunks.Count << ChunkShift;

    /// <summary>Bytes of native memory held.</summary>
    public long AllocatedBytes => chunks.AllocatedBytes;

    /// <summary>Hands out the next node index, growing the storage when needed; the node's memory is zeroed.</summary>
    public int Allocate()
    {
        int node = Interlocked.Increment(ref nodeCount) - 1;
        if (node < 0)
            throw new InvalidOperationException("The index is full: an HNSW index holds at most 2^31 − 1 nodes.");
        chunks.EnsureCount((node >> ChunkShift) + 1);
        return node;
    }

    /// <summary>Sets the node count and allocates its chunks (used when loading a snapshot).</summary>
    public void Reserve(int count)
    {
        chunks.EnsureCount((count + ChunkSize - 1) >> ChunkShift);
        nodeCount = count;
    }

    /// <summary>The node's code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Code(int node) => (chunks[node >> ChunkShift] + vectorOffset + (node & (ChunkSize - 1)) * vectorStride);

    /// <summary>The node's level-0 list: element 0 is the count, then up to MaxLinks0 node indexes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int* Links0(int node) => (int*)(chunks[node >> ChunkShift] + linkOffset + (node & (ChunkSize - 1)) * linkStride);

    /// <summary>The node's external id.</summary>
    public ref ulong Id(int node) => ref Field<ulong>(node, idOffset);

    /// <summary>Offset of the node's upper-level lists in the link arena (meaningful when its level is above 0).</summary>
    public ref int UpperOffset(int node) => ref Field<int>(node, upperOffsetOffset);

    /// <summary>Distance from the node to the closest node in its level-0 list (kept, and stored in snapshots, only when the graph links stranded nodes).</summary>
    public ref float NearestLink(int node) => ref Field<float>(node, nearestOffset);

    /// <summary>How many level-0 lists hold the node (kept, and stored in snapshots, only when the graph links stranded nodes).</summary>
    public ref int InLinks0(int node) => ref Field<int>(node, inLinksOffset);

    /// <summary>The node's top level.</summary>
    public ref byte Level(int node) => ref Field<byte>(node, levelOffset);

    /// <summary>Whether the node may be returned by a search.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref NodeState State(int node) => ref Field<NodeState>(node, stateOffset);

    /// <summary>Takes the node's link-list lock (a spin lock: it is held for a few hundred nanoseconds).</summary>
    public void Lock(int node)
    {
        ref int word = ref Field<int>(node, lockOffset);
        if (Interlocked.CompareExchange(ref word, 1, 0) == 0)
            return;
        var spin = new SpinWait();
        while (Interlocked.CompareExchange(ref word, 1, 0) != 0)
            spin.SpinOnce(sleep1Threshold: -1);
    }

    /// <summary>Releases the node's link-list lock.</summary>
    public void Unlock(int node) => Volatile.Write(ref Field<int>(node, lockOffset), 0);

    /// <summary>
    /// Appends the persistent regions of one chunk, for the first <paramref name="nodes"/> nodes in it (locks excluded);
    /// <paramref name="linkState"/> adds the nearest-link distances and in-link counts.
    /// </summary>
    public void AddPersistentRegions(int chunk, int nodes, bool linkState, List<(nint Address, long Length)> regions)
    {
        nint start = (nint)chunks[chunk];
        regions.Add((start + vectorOffset, nodes * (long)vectorStride));
        if (Layout == HnswLayout.Separate)
            regions.Add((start + linkOffset, nodes * (long)linkStride));
        regions.Add((start + idOffset, nodes * (long)sizeof(ulong)));
        regions.Add((start + upperOffsetOffset, nodes * (long)sizeof(int)));
        regions.Add((start + levelOffset, nodes));
        regions.Add((start + stateOffset, nodes));
        if (linkState)
        {
            regions.Add((start + nearestOffset, nodes * (long)sizeof(float)));
            regions.Add((start + inLinksOffset, nodes * (long)sizeof(int)));
        }
    }

    /// <summary>Frees the native memory.</summary>
    public void Dispose() => chunks.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref T Field<T>(int node, nint regionOffset) where T : unmanaged =>
        ref Unsafe.AsRef<T>(chunks[node >> ChunkShift] + regionOffset + (node & (ChunkSize - 1)) * sizeof(T));

    private static int ChunkShiftFor(long bytesPerNode)
    {
        int shift = 10;
        while (shift < 20 && (bytesPerNode << (shift + 1)) <= TargetChunkBytes)
            shift++;
        return shift;
    }

    private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
