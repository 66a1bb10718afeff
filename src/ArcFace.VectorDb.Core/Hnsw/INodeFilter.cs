using System.Runtime.CompilerServices;
using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>Which traversed nodes may enter a search's results; a struct type parameter so the check inlines.</summary>
internal interface INodeFilter
{
    /// <summary>True when the node may be a result.</summary>
    bool Accept(NodeStore store, int node);
}

/// <summary>Live nodes only: tombstones and pending replacements are traversed but never returned.</summary>
internal readonly struct LiveNodes : INodeFilter
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accept(NodeStore store, int node) => store.State(node) == NodeState.Live;
}

/// <summary>Live nodes whose id the caller's filter accepts.</summary>
internal readonly struct LiveNodesWithId<TFilter>(TFilter filter) : INodeFilter where TFilter : IIdFilter
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accept(NodeStore store, int node) => store.State(node) == NodeState.Live && filter.Accept(store.Id(node));
}
