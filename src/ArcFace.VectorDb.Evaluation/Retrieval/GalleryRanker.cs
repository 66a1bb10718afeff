namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>An approximate search of the gallery: writes up to <paramref name="count"/> gallery ids, best first, and returns how many it found.</summary>
public delegate int GalleryRanker(ReadOnlySpan<float> query, int count, int ef, Span<ulong> ids);
