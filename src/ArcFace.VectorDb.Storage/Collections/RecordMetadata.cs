namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>What a collection keeps in memory per live id besides the vector (which the index holds).</summary>
internal sealed record RecordMetadata(string Label, string Source, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    /// <summary>Stands in for a record deleted between the index search and the metadata lookup.</summary>
    public static RecordMetadata Missing { get; } = new("", "", []);
}
