namespace ArcFace.VectorDb.Core.Search;

/// <summary>One search result: the vector's id and its score under the index metric.</summary>
public readonly record struct SearchHit(ulong Id, float Score);
