using System.Collections.Concurrent;
using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>Accepts only ids whose label is the given one.</summary>
internal readonly struct LabelFilter(ConcurrentDictionary<ulong, RecordMetadata> metadata, string label) : IIdFilter
{
    /// <inheritdoc />
    public bool Accept(ulong id) => metadata.TryGetValue(id, out var record) && record.Label == label;
}
