using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>Insertion: search every level first, fill the new node's own lists, then link the neighbours back to it.</summary>
internal sealed unsafe partial class HnswGraph<TDistance>
{
    /// <summary>Stores a new, still unreachable node holding <paramref name="code"/> under <paramref name="id"/> and returns its index.</summary>
    public int Allocate(ulong id, ReadOnlySpan<byte> code, NodeState initialState)
    {
        int node = store.Allocate();
        int level = levels.LevelOf(node);
        store.Id(node) = id;
        store.Level(node) = (byte)level;
        store.State(node) = initialState;
        store.NearestLink(node) = float.PositiveInfinity;
        code.CopyTo(new Span<byte>(store.Code(node), codeBytes));
        if (level > 0)
            store.UpperOffset(node) = arena.Allocate(level);
        return node;
    }

    /// <summary>Links an allocated node into the graph; from then on searches can reach it.</summary>
    public void Connect(int node)
    {
        int level = store.Level(node);
        long e = Volatile.Read(ref entry);
        bool raisesTop = level > TopLevel(e);
        if (raisesTop)
        {
            Monitor.Enter(topLock);
            e = Volatile.Read(ref entry);
        }
        try
        {
            if (e >= 0)
                Link(node, level, (int)e, TopLevel(e));
            if (raisesTop && level > TopLevel(e))
                Volatile.Write(ref entry, Pack(node, level));
        }
        finally
        {
            if (raisesTop)
                Monitor.Exit(topLock);
        }
    }

    private void Link(int node, int level, int entryNode, int topLevel)
    {
        var context = pool.Rent();
        try
        {
            byte* vector = store.Code(node);
            float distance = TDistance.Compute(vector, store.Code(entryNode), dimension);
            int nearest = Descend(vector, entryNode, ref distance, topLevel, level);
            int firstLevel = Math.Min(level, topLevel);
            for (int l = firstLevel; l >= 0; l--)
            {
                SearchLayer(context, vector, nearest, distance, efConstruction, l, default(LiveNodes));
                var ordered = context.OrderedAtLeast(efConstruction);
                int found = context.Results.DrainBottomFirst(ordered);
                if (found == 0)
                {
                    // Every node reached is a tombstone: link to the nearest one anyway, tombstones stay traversable.
                    ordered[0] = new NodeDistance(distance, nearest);
                    found = 1;
                }
                nearest = ordered[0].Node;
                distance = ordered[0].Distance;
                int chosen = SelectNeighbours(ordered.AsSpan(0, found), m, context.Selected);
                if (l == 0 && linkStranded)
                {
                    chosen = AddStranded(ordered.AsSpan(0, found), chosen, context.Selected);
                    store.NearestLink(node) = ordered[0].Distance;
                    CountInLinks(context.Selected.AsSpan(0, chosen));
                }
                WriteList(Links(node, l), context.Selected.AsSpan(0, chosen));
            }
            for (int l = firstLevel; l >= 0; l--)
            {
                // From the first link back on, other inserts can reach the node and rewrite its list: walk a copy taken under its lock.
                var targets = context.LinkTargets.AsSpan(0, CopyList(node, l, context.LinkTargets));
                foreach (int target in targets)
                    LinkBack(context, target, node, l);
            }
            if (linkStranded)
                ReattachOrphans(context, node);
        }
        finally
        {
            pool.Return(context);
        }
    }

    /// <summary>
    /// Adds <paramref name="node"/> to the neighbour's list at a level, re-selecting with the heuristic when the list is
    /// full; a list that already holds the node is left as it is (a list never holds a node twice).
    /// </summary>
    private void LinkBack(SearchContext context, int neighbour, int node, int level)
    {
        int max = level == 0 ? maxLinks0 : m;
        bool trackLinkState = level == 0 && linkStranded;
        byte* origin = store.Code(neighbour);
        store.Lock(neighbour);
        try
        {
            int* list = Links(neighbour, level);
            int count = list[0];
            if (new ReadOnlySpan<int>(list + 1, count).Contains(node))
                return;
            if (count < max)
            {
                if (trackLinkState)
                {
                    LowerNearestLink(neighbour, TDistance.Compute(origin, store.Code(node), dimension));
                    Interlocked.Increment(ref store.InLinks0(node));
                }
                list[1 + count] = node;
                Volatile.Write(ref list[0], count + 1);
                return;
            }
            var candidates = context.OrderedAtLeast(max + 1).AsSpan(0, count + 1);
            for (int i = 0; i < count; i++)
                candidates[i] = new NodeDistance(TDistance.Compute(origin, store.Code(list[1 + i]), dimension), list[1 + i]);
            candidates[count] = new NodeDistance(TDistance.Compute(origin, store.Code(node), dimension), node);
            if (trackLinkState)
                LowerNearestLink(neighbour, candidates[count].Distance);
            candidates.Sort(default(NodeDistanceOrder));
            int chosen = SelectNeighbours(candidates, max, context.Selected);
            WriteList(list, context.Selected.AsSpan(0, chosen));
            if (trackLinkState)
                CountPrunedInLinks(context, candidates, context.Selected.AsSpan(0, chosen), node);
        }
        finally
        {
            store.Unlock(neighbour);
        }
    }

    /// <summary>
    /// The neighbour-selection heuristic: walking candidates from the closest, keep one only when it is closer to the
    /// base than to every neighbour kept so far, which spreads links across directions instead of into one cluster.
    /// </summary>
    private int SelectNeighbours(ReadOnlySpan<NodeDistance> ascending, int max, Span<NodeDistance> selected)
    {
        if (ascending.Length <= max)
        {
            ascending.CopyTo(selected);
            return ascending.Length;
        }
        int count = 0;
        foreach (var candidate in ascending)
        {
            byte* vector = store.Code(candidate.Node);
            bool keep = true;
            for (int j = 0; j < count; j++)
            {
                if (TDistance.Compute(vector, store.Code(selected[j].Node), dimension) < candidate.Distance)
                {
                    keep = false;
                    break;
                }
            }
            if (keep)
            {
                selected[count++] = candidate;
                if (count == max)
                    break;
            }
        }
        return count;
    }

    /// <summary>Copies a node's list at a level into <paramref name="destination"/> under the node's lock; returns how many links it holds.</summary>
    private int CopyList(int node, int level, int[] destination)
    {
        store.Lock(node);
        try
        {
            int* list = Links(node, level);
            int count = list[0];
            new ReadOnlySpan<int>(list + 1, count).CopyTo(destination);
            return count;
        }
        finally
        {
            store.Unlock(node);
        }
    }

    /// <summary>Writes the slots first and the count last, so a concurrent reader only ever sees published nodes.</summary>
    private static void WriteList(int* list, ReadOnlySpan<NodeDistance> neighbours)
    {
        for (int i = 0; i < neighbours.Length; i++)
            Volatile.Write(ref list[1 + i], neighbours[i].Node);
        Volatile.Write(ref list[0], neighbours.Length);
    }

    private static int TopLevel(long packedEntry) => packedEntry < 0 ? -1 : (int)(packedEntry >> 32);
}
