using System.Collections.Concurrent;
using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>Which records a search may return: one of <see cref="Labels"/> (when any are given) and every pair of <see cref="Attributes"/>.</summary>
public sealed record SearchFilter(IReadOnlyList<string> Labels, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    /// <summary>Only records with this label.</summary>
    public static SearchFilter ForLabel(string label) => new([label], []);

    /// <summary>True when the filter accepts everything.</summary>
    public bool IsEmpty => Labels.Count == 0 && Attributes.Count == 0;

    internal bool Matches(RecordMetadata record)
    {
        if (Labels.Count > 0 && !Labels.Contains(record.Label))
            return false;
        foreach (var (key, value) in Attributes)
        {
            if (!record.Attributes.Contains(new KeyValuePair<string, string>(key, value)))
                return false;
        }
        return true;
    }
}

/// <summary>The index-side filter of a <see cref="SearchFilter"/>: looks each candidate id up in the collection's metadata.</summary>
internal readonly struct MetadataFilter(ConcurrentDictionary<ulong, RecordMetadata> metadata, SearchFilter filter) : IIdFilter
{
    /// <inheritdoc />
    public bool Accept(ulong id) => metadata.TryGetValue(id, out var record) && filter.Matches(record);
}
