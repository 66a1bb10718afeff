namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>
/// How big a collection's index is: live records, graph nodes (tombstones of deleted or replaced records included),
/// bytes held in memory (graph plus codes, or plus float vectors without quantisation) and bytes of the re-rank file
/// of exact vectors (0 without quantisation).
/// </summary>
public readonly record struct IndexSize(int Live, int Nodes, int Tombstones, long MemoryBytes, long RerankBytes = 0);
