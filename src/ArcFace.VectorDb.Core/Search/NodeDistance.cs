namespace ArcFace.VectorDb.Core.Search;

/// <summary>An internal node index with its distance to the query (lower is closer).</summary>
internal readonly record struct NodeDistance(float Distance, int Node);
