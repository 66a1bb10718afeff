namespace ArcFace.VectorDb.Core.Search;

/// <summary>Orders (distance, node) pairs by ascending distance, then node, without allocating.</summary>
internal readonly struct NodeDistanceOrder : IComparer<NodeDistance>
{
    /// <inheritdoc />
    public int Compare(NodeDistance x, NodeDistance y)
    {
        int byDistance = x.Distance.CompareTo(y.Distance);
        return byDistance != 0 ? byDistance : x.Node.CompareTo(y.Node);
    }
}
