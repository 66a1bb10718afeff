using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>Everything one search or insert needs besides the graph; pooled so that steady-state searches allocate nothing.</summary>
internal sealed class SearchContext(int maxLinks0)
{
    /// <summary>Visited marks of the current search.</summary>
    public VisitedTags Visited { get; } = new();

    /// <summary>Nodes still to expand, closest first.</summary>
    public DistanceHeap<ClosestFirst> Candidates { get; } = new(256);

    /// <summary>Best accepted nodes so far, furthest first.</summary>
    public DistanceHeap<FurthestFirst> Results { get; } = new(256);

    /// <summary>Unvisited neighbours of the node being expanded.</summary>
    public int[] Fresh { get; } = new int[maxLinks0];

    /// <summary>Scratch for ordered results and neighbour selection.</summary>
    public NodeDistance[] Ordered { get; private set; } = new NodeDistance[256];

    /// <summary>A new node's links, copied before it links back to them.</summary>
    public int[] LinkTargets { get; } = new int[maxLinks0];

    /// <summary>Scratch for the neighbours chosen by the heuristic.</summary>
    public NodeDistance[] Selected { get; } = new NodeDistance[maxLinks0 + 1];

    /// <summary>Nodes an insert left without a level-0 in-link, to re-attach once it holds no list lock.</summary>
    public List<int> Orphans { get; } = [];

    /// <summary>Makes <see cref="Ordered"/> hold at least <paramref name="length"/> entries.</summary>
    public NodeDistance[] OrderedAtLeast(int length)
    {
        if (Ordered.Length < length)
            Ordered = new NodeDistance[Math.Max(length, Ordered.Length * 2)];
        return Ordered;
    }
}
