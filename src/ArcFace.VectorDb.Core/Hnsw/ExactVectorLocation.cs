namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// Where a quantised index keeps its exact float32 vectors: a file it owns (created when absent), or, for a reader
/// beside the owning process, a file it only reads: the rows of a loaded snapshot are read from it in place, and
/// rows the reader adds (replaying the log) go to a temporary file of its own, deleted when it closes.
/// </summary>
public sealed record ExactVectorLocation(string Path, bool ReadOnly = false);
