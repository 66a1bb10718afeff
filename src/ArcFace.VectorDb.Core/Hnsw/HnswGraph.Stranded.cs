using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// Stranded nodes at level 0: nodes that no search coming from their neighbourhood can reach. Two cases are repaired
/// while inserting. A node whose own insertion search missed its neighbourhood is linked by the first later node
/// that is closer to it than anything it was linked to. A node left with no in-link at all (every list that held it
/// pruned it) is re-attached to its closest out-neighbour with room.
/// </summary>
internal sealed unsafe partial class HnswGraph<TDistance>
{
    /// <summary>
    /// Adds to the level-0 selection the candidates the heuristic passed over for which the new node is closer than
    /// any node they are linked to: such a node was stranded when it was inserted, and the link from the new node is
    /// its way in.
    /// </summary>
    private int AddStranded(ReadOnlySpan<NodeDistance> ascending, int chosen, Span<NodeDistance> selected)
    {
        int count = chosen;
        foreach (var candidate in ascending)
        {
            if (count == maxLinks0)
                break;
            if (candidate.Distance >= Volatile.Read(ref store.NearestLink(candidate.Node)))
                continue;
            if (!selected[..chosen].Contains(candidate))
                selected[count++] = candidate;
        }
        return count;
    }

    /// <summary>Records a new link's distance when it is the node's closest; the heuristic always keeps the closest, so the record only ever falls.</summary>
    private void LowerNearestLink(int node, float distance)
    {
        if (distance < store.NearestLink(node))
            Volatile.Write(ref store.NearestLink(node), distance);
    }

    /// <summary>
    /// Updates in-link counts after a full list was re-selected from its old links plus <paramref name="node"/>:
    /// <paramref name="kept"/> is a subsequence of <paramref name="ascending"/>. A node that lost its last in-link
    /// is queued for re-attachment.
    /// </summary>
    private void CountPrunedInLinks(SearchContext context, ReadOnlySpan<NodeDistance> ascending, ReadOnlySpan<NodeDistance> kept, int node)
    {
        int next = 0;
        foreach (var candidate in ascending)
        {
            bool stays = next < kept.Length && kept[next].Node == candidate.Node;
            if (stays)
                next++;
            if (candidate.Node == node)
            {
                if (stays)
                    Interlocked.Increment(ref store.InLinks0(node));
            }
            else if (!stays && Interlocked.Decrement(ref store.InLinks0(candidate.Node)) == 0)
            {
                context.Orphans.Add(candidate.Node);
            }
        }
    }

    /// <summary>Counts a new node's level-0 selection as in-links of its targets (before the node is published, so no other insert has touched its list yet).</summary>
    private void CountInLinks(ReadOnlySpan<NodeDistance> selection)
    {
        foreach (var target in selection)
            Interlocked.Increment(ref store.InLinks0(target.Node));
    }

    /// <summary>After an insert: re-attaches every node it left without a level-0 in-link, the new node included.</summary>
    private void ReattachOrphans(SearchContext context, int node)
    {
        if (Volatile.Read(ref store.InLinks0(node)) == 0)
            context.Orphans.Add(node);
        foreach (int orphan in context.Orphans)
            Reattach(orphan);
        context.Orphans.Clear();
    }

    /// <summary>Adds a node that no level-0 list holds to the list of its closest out-neighbour that has room; left as it is when none has.</summary>
    private void Reattach(int orphan)
    {
        if (Volatile.Read(ref store.InLinks0(orphan)) > 0)
            return;
        byte* vector = store.Code(orphan);
        int* own = store.Links0(orphan);
        int count = Volatile.Read(ref own[0]);
        int host = -1;
        float best = float.PositiveInfinity;
        for (int i = 1; i <= count; i++)
        {
            int candidate = own[i];
            if (Volatile.Read(ref store.Links0(candidate)[0]) >= maxLinks0)
                continue;
            float distance = TDistance.Compute(vector, store.Code(candidate), dimension);
            if (distance < best)
            {
                best = distance;
                host = candidate;
            }
        }
        if (host < 0)
            return;
        store.Lock(host);
        try
        {
            int* list = store.Links0(host);
            int length = list[0];
            if (length >= maxLinks0 || new ReadOnlySpan<int>(list + 1, length).Contains(orphan))
                return;
            list[1 + length] = orphan;
            Volatile.Write(ref list[0], length + 1);
            Interlocked.Increment(ref store.InLinks0(orphan));
            LowerNearestLink(host, best);
        }
        finally
        {
            store.Unlock(host);
        }
    }

    /// <summary>Nodes whose kept in-link count or nearest-link distance disagrees with their level-0 lists; 0 when the state kept while inserting is right. Call with no insert running.</summary>
    public int CountLinkStateMismatches()
    {
        if (!linkStranded)
            return 0;
        int nodes = store.NodeCount;
        var inLinks = new int[nodes];
        var nearest = new float[nodes];
        for (int node = 0; node < nodes; node++)
        {
            int* list = store.Links0(node);
            for (int i = 1; i <= list[0]; i++)
                inLinks[list[i]]++;
            nearest[node] = NearestInList(node);
        }
        int mismatches = 0;
        for (int node = 0; node < nodes; node++)
        {
            // The kept distance may come from the four-at-a-time kernel, which rounds differently in the last bits.
            bool sameNearest = float.IsPositiveInfinity(nearest[node])
                ? float.IsPositiveInfinity(store.NearestLink(node))
                : Math.Abs(store.NearestLink(node) - nearest[node]) <= 1e-5f * Math.Max(1f, Math.Abs(nearest[node]));
            if (store.InLinks0(node) != inLinks[node] || !sameNearest)
                mismatches++;
        }
        return mismatches;
    }

    /// <summary>Distance from a node to the closest node its level-0 list holds; infinity for an empty list.</summary>
    private float NearestInList(int node)
    {
        byte* vector = store.Code(node);
        int* list = store.Links0(node);
        float nearest = float.PositiveInfinity;
        for (int i = 1; i <= list[0]; i++)
            nearest = Math.Min(nearest, TDistance.Compute(vector, store.Code(list[i]), dimension));
        return nearest;
    }
}
