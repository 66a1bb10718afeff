namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>What a collection keeps in memory per live id besides the vector (which the index holds).</summary>
internal sealed record RecordMetadata(string Label, string Source, IReadOnlyList<KeyValuePair<string, string>> Attributes);
