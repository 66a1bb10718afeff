namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// The shape of an HNSW graph, to compare builds (ours with hnswlib's, one seed with another): how many nodes reach
/// each level, their mean number of links there, how level-0 degrees are spread, and how many nodes no level-0 walk can
/// reach. Tombstones count as nodes.
/// </summary>
/// <param name="NodesPerLevel">Nodes whose top level is at least l, for l = 0, 1, …</param>
/// <param name="MeanDegreePerLevel">Mean list length of those nodes at level l.</param>
/// <param name="Level0DegreeHistogram">Nodes with d level-0 links, for d = 0 … 2M.</param>
/// <param name="Level0WithoutInLinks">Nodes that no other node's level-0 list holds.</param>
/// <param name="Level0Unreachable">Nodes that a walk along level-0 links from the entry node never reaches.</param>
public sealed record HnswStatistics(
    IReadOnlyList<int> NodesPerLevel,
    IReadOnlyList<double> MeanDegreePerLevel,
    IReadOnlyList<int> Level0DegreeHistogram,
    int Level0WithoutInLinks,
    int Level0Unreachable);
