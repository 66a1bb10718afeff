namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>Whether a node may be returned by a search. Every node, whatever its state, stays traversable.</summary>
internal enum NodeState : byte
{
    /// <summary>The current vector of its id.</summary>
    Live = 0,

    /// <summary>Being inserted to replace the live node of its id; becomes Live when the replacement completes.</summary>
    Pending = 1,

    /// <summary>Deleted or replaced: a tombstone.</summary>
    Dead = 2,
}
