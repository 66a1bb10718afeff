namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>How big a collection's index is: live records, graph nodes (tombstones of deleted or replaced records included) and bytes in memory.</summary>
public readonly record struct IndexSize(int Live, int Nodes, int Tombstones, long MemoryBytes);
