namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>How a node's vector and its level-0 links are placed in memory.</summary>
public enum HnswLayout
{
    /// <summary>Each node's vector and level-0 links side by side in one 64-byte aligned slot (one stream of cache lines per node).</summary>
    Interleaved,

    /// <summary>Vectors in one array of 64-byte aligned slots and level-0 links in another, per chunk.</summary>
    Separate,
}
