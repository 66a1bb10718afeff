using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cluster.Catalog;

/// <summary>
/// A sharded collection as the catalog records it: its settings, how many shards it has, and the generation that names
/// its data folder (a collection dropped and created again under the same name gets a new one, so no stale call reaches the new data).
/// </summary>
public sealed record CatalogEntry(CollectionSettings Settings, int Shards, string Generation)
{
    /// <summary>Most shards one collection may have.</summary>
    public const int MaxShards = 256;

    /// <summary>The collection's name.</summary>
    public string Name => Settings.Name;
}
