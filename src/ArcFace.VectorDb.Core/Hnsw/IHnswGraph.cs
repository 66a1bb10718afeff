using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>An HNSW graph whatever its code and distance: what the index calls once per search, insert or check.</summary>
internal unsafe interface IHnswGraph
{
    /// <summary>The entry node and the top level of the graph; (-1, -1) when empty.</summary>
    (int Node, int Level) Entry { get; set; }

    /// <summary>
    /// Finds up to <c>best.Length</c> nearest live nodes to a query code, closest first: the unfiltered search as a
    /// plain virtual call (a generic virtual call costs a runtime lookup per search: 4–5% of QPS at ef 16, measured).
    /// </summary>
    int SearchLive(byte* query, int ef, Span<NodeDistance> best);

    /// <summary>Finds up to <c>best.Length</c> nearest accepted nodes to a query code, closest first.</summary>
    int Search<TFilter>(byte* query, int ef, TFilter filter, Span<NodeDistance> best) where TFilter : struct, INodeFilter;

    /// <summary>Stores a new, still unreachable node holding a code under an id and returns its index.</summary>
    int Allocate(ulong id, ReadOnlySpan<byte> code, NodeState initialState);

    /// <summary>Links an allocated node into the graph.</summary>
    void Connect(int node);

    /// <summary>The graph's shape now.</summary>
    HnswStatistics Statistics();

    /// <summary>Link lists that hold a node twice or the node itself (a check for tests).</summary>
    int CountRepeatedLinks();

    /// <summary>Nodes whose stranded-node bookkeeping disagrees with the link lists (a check for tests).</summary>
    int CountLinkStateMismatches();
}
