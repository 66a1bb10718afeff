namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>An index snapshot that cannot be loaded: truncated, corrupt, or written by an incompatible version.</summary>
public sealed class SnapshotFormatException(string message) : IOException(message);
