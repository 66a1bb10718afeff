namespace ArcFace.VectorDb.Storage.Log;

/// <summary>One entry of a collection's log: an upsert (id, label, source, attributes, vector) or a delete (id only).</summary>
public sealed record LogRecord(
    LogOperation Operation,
    ulong Id,
    string Label,
    string Source,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    ReadOnlyMemory<float> Vector)
{
    /// <summary>An upsert record.</summary>
    public static LogRecord Upsert(ulong id, ReadOnlyMemory<float> vector, string label = "", string source = "", IReadOnlyList<KeyValuePair<string, string>>? attributes = null) =>
        new(LogOperation.Upsert, id, label, source, attributes ?? [], vector);

    /// <summary>A delete record.</summary>
    public static LogRecord Delete(ulong id) => new(LogOperation.Delete, id, "", "", [], ReadOnlyMemory<float>.Empty);
}
