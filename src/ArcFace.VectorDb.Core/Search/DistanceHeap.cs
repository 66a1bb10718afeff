using System.Runtime.CompilerServices;

namespace ArcFace.VectorDb.Core.Search;

/// <summary>Which of two distances belongs nearer the top of a heap.</summary>
internal interface IHeapOrder
{
    /// <summary>True when an element at distance <paramref name="a"/> must sit above one at <paramref name="b"/>.</summary>
    static abstract bool Above(float a, float b);
}

/// <summary>Closest on top: the candidates still to expand.</summary>
internal readonly struct ClosestFirst : IHeapOrder
{
    /// <inheritdoc />
    public static bool Above(float a, float b) => a < b;
}

/// <summary>Furthest on top: the best results so far, evicted from the top.</summary>
internal readonly struct FurthestFirst : IHeapOrder
{
    /// <inheritdoc />
    public static bool Above(float a, float b) => a > b;
}

/// <summary>Binary heap of (distance, node) over a reusable array; the order is a type parameter so the comparison inlines.</summary>
internal sealed class DistanceHeap<TOrder>(int initialCapacity) where TOrder : struct, IHeapOrder
{
    private NodeDistance[] items = new NodeDistance[Math.Max(4, initialCapacity)];

    /// <summary>Number of elements held.</summary>
    public int Count { get; private set; }

    /// <summary>The top element; valid only when Count &gt; 0.</summary>
    public NodeDistance Top
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => items[0];
    }

    /// <summary>Empties the heap without releasing its storage.</summary>
    public void Clear() => Count = 0;

    /// <summary>Adds an element.</summary>
    public void Push(float distance, int node)
    {
        if (Count == items.Length)
            Array.Resize(ref items, items.Length * 2);
        var span = items.AsSpan();
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!TOrder.Above(distance, span[parent].Distance))
                break;
            span[i] = span[parent];
            i = parent;
        }
        span[i] = new NodeDistance(distance, node);
    }

    /// <summary>Removes and returns the top element.</summary>
    public NodeDistance Pop()
    {
        var top = items[0];
        var last = items[--Count];
        if (Count > 0)
            SiftDown(last);
        return top;
    }

    /// <summary>Replaces the top element with a new one (one sift instead of a pop and a push).</summary>
    public void ReplaceTop(float distance, int node) => SiftDown(new NodeDistance(distance, node));

    /// <summary>Pops every element into the destination, so that it ends ordered from the bottom of the heap to the top.</summary>
    public int DrainBottomFirst(Span<NodeDistance> destination)
    {
        int n = Math.Min(Count, destination.Length);
        while (Count > n)
            Pop();
        for (int i = n - 1; i >= 0; i--)
            destination[i] = Pop();
        return n;
    }

    private void SiftDown(NodeDistance item)
    {
        var span = items.AsSpan(0, Count);
        int n = span.Length;
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n)
                break;
            if (child + 1 < n && TOrder.Above(span[child + 1].Distance, span[child].Distance))
                child++;
            if (!TOrder.Above(span[child].Distance, item.Distance))
                break;
            span[i] = span[child];
            i = child;
        }
        span[i] = item;
    }
}
