using System.Runtime.CompilerServices;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// "Visited in this search" marks: one 16-bit tag per node, compared with the search's epoch, so starting a search
/// costs an increment instead of clearing an array. The array is pinned so its address can be prefetched.
/// </summary>
internal sealed unsafe class VisitedTags
{
    private ushort[] tags = [];
    private ushort* start;
    private ushort epoch;

    /// <summary>Starts a new search over an index of <paramref name="capacity"/> nodes.</summary>
    public void Begin(int capacity)
    {
        if (tags.Length < capacity)
            Resize(capacity);
        if (++epoch == 0)
        {
            Array.Clear(tags);
            epoch = 1;
        }
    }

    /// <summary>Marks the node visited; false when it already was in this search.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryVisit(int node)
    {
        if ((uint)node >= (uint)tags.Length)
            Resize(node + 1);
        ushort* tag = start + node;
        if (*tag == epoch)
            return false;
        *tag = epoch;
        return true;
    }

    /// <summary>Address of a node's tag, for prefetching; valid while the node is below the capacity given to Begin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort* Address(int node) => start + node;

    private void Resize(int capacity)
    {
        var grown = GC.AllocateArray<ushort>(Math.Max(capacity, tags.Length + tags.Length / 2), pinned: true);
        tags.AsSpan().CopyTo(grown);
        tags = grown;
        start = (ushort*)Unsafe.AsPointer(ref grown[0]);
    }
}
