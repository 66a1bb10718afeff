namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// Where a quantised index keeps its exact float32 vectors: a file it owns (created when absent), or, for a reader
/// beside the owning process, a private copy of that file taken when the index opens (deleted when it closes).
/// </summary>
public sealed record ExactVectorLocation(string Path, bool PrivateCopy = false);
