namespace ArcFace.VectorDb.Core.Search;

/// <summary>One search result: the vector's id and its score (higher is nearer: the inner product, or the negated squared L2 distance).</summary>
public readonly record struct SearchHit(ulong Id, float Score);
