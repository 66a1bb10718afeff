namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>The graph's shape, read from the link lists as they are now.</summary>
public sealed partial class HnswIndex
{
    /// <summary>The graph's shape now: nodes and mean degree per level, the spread of level-0 degrees, and the nodes level-0 walks cannot reach. Reads every node's lists once.</summary>
    public HnswStatistics Statistics()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return graph.Statistics();
    }

    /// <summary>Link lists that hold a node twice or the node itself (0 when sound); a check for tests, run with no insert in flight.</summary>
    internal int RepeatedLinks() => graph.CountRepeatedLinks();

    /// <summary>Nodes whose stranded-node bookkeeping disagrees with the link lists (0 when right); a check for tests, run with no insert in flight.</summary>
    internal int LinkStateMismatches() => graph.CountLinkStateMismatches();
}
