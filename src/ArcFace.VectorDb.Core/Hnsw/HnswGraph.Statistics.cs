namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>The graph's shape, read from the link lists as they are now.</summary>
internal sealed unsafe partial class HnswGraph<TDistance>
{
    /// <summary>Nodes and mean degree per level, the spread of level-0 degrees, and the nodes level-0 walks cannot reach.</summary>
    public HnswStatistics Statistics()
    {
        int nodes = store.NodeCount;
        var perLevel = new List<int>();
        var links = new List<long>();
        var histogram = new int[store.MaxLinks0 + 1];
        var inLinks = new int[nodes];
        for (int node = 0; node < nodes; node++)
        {
            int top = store.Level(node);
            for (int level = 0; level <= top; level++)
            {
                int* list = Links(node, level);
                int count = Volatile.Read(ref list[0]);
                if (perLevel.Count == level)
                {
                    perLevel.Add(0);
                    links.Add(0);
                }
                perLevel[level]++;
                links[level] += count;
                if (level != 0)
                    continue;
                histogram[count]++;
                for (int i = 1; i <= count; i++)
                    if (list[i] < nodes)
                        inLinks[list[i]]++;
            }
        }
        return new HnswStatistics(
            perLevel,
            [.. perLevel.Select((n, l) => links[l] / (double)n)],
            histogram,
            inLinks.Count(n => n == 0),
            nodes - CountReachableAtLevel0(nodes));
    }

    /// <summary>Link lists, at any level, that hold a node twice or the node itself (0 in a sound graph); a check for tests, run with no insert in flight.</summary>
    public int CountRepeatedLinks()
    {
        int repeated = 0;
        var seen = new HashSet<int>();
        for (int node = 0; node < store.NodeCount; node++)
        {
            for (int level = 0; level <= store.Level(node); level++)
            {
                int* list = Links(node, level);
                seen.Clear();
                seen.Add(node);
                for (int i = 1; i <= list[0]; i++)
                {
                    if (!seen.Add(list[i]))
                    {
                        repeated++;
                        break;
                    }
                }
            }
        }
        return repeated;
    }

    /// <summary>Nodes a breadth-first walk along level-0 links from the entry node visits, the entry included.</summary>
    private int CountReachableAtLevel0(int nodes)
    {
        int entryNode = Entry.Node;
        if (entryNode < 0 || entryNode >= nodes)
            return 0;
        var seen = new bool[nodes];
        var queue = new Queue<int>();
        seen[entryNode] = true;
        queue.Enqueue(entryNode);
        int reached = 0;
        while (queue.TryDequeue(out int node))
        {
            reached++;
            int* list = store.Links0(node);
            int count = Volatile.Read(ref list[0]);
            for (int i = 1; i <= count; i++)
            {
                int next = list[i];
                if (next < nodes && !seen[next])
                {
                    seen[next] = true;
                    queue.Enqueue(next);
                }
            }
        }
        return reached;
    }
}
