namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>How an index holds its vectors in memory: as float32, or as codes searched first and re-ranked exactly.</summary>
public enum VectorQuantization
{
    /// <summary>Float32 vectors in the graph's nodes (4 bytes per dimension).</summary>
    None,

    /// <summary>Int8 codes of a global-range scalar quantiser (1 byte per dimension plus 4).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "int8 is the name users know the quantisation by (Qdrant, USearch, FAISS).")]
    Int8,

    /// <summary>One bit per dimension (above or below the dimension's trained threshold).</summary>
    Binary,
}
