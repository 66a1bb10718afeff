namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>A live record of a collection as stored: the vector (normalised for cosine collections) and its metadata.</summary>
public sealed record StoredRecord(ulong Id, string Label, string Source, IReadOnlyList<KeyValuePair<string, string>> Attributes, float[] Vector);

/// <summary>One search result: id, score (higher is closer for cosine and inner product; for L2 the squared distance, lower is closer), label, source and attributes.</summary>
public readonly record struct CollectionHit(ulong Id, float Score, string Label, string Source, IReadOnlyList<KeyValuePair<string, string>> Attributes);

/// <summary>Whether a write waits for its records to be committed to disk.</summary>
public enum Durability
{
    /// <summary>Completes once the records are committed; readers see them only then.</summary>
    Durable,

    /// <summary>Completes once the records are in memory and visible; they reach disk with the next group commit (bulk loads).</summary>
    FireAndForget,
}
