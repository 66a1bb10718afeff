using ArcFace.VectorDb.Embedding.Ingest;

namespace ArcFace.VectorDb.Embedding.Images;

/// <summary>What one image gave: its points (one for a whole image), or the reason it cannot be used.</summary>
public sealed record ImageVectors(IReadOnlyList<EmbeddedPoint> Points, string? Problem);
