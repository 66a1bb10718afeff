using System.Collections.Concurrent;
using System.Text.Json;
using ArcFace.VectorDb.Cluster.Storage;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cluster.Catalog;

/// <summary>
/// The cluster's collections, kept as files under the shared data folder every silo reaches: DATA/catalog/NAME.json
/// per collection (published with an atomic no-overwrite link, so two silos creating one name give one winner), and the
/// shards' folders under DATA/shards/NAME-GENERATION/. A drop first moves the entry to DATA/catalog/dropped/ (one
/// atomic step decides it), then the shards close, then their data goes. Each silo caches entries it has read; a call
/// that reaches a dropped generation evicts the cached one.
/// </summary>
public sealed class ClusterCatalog
{
    private const string CatalogFolderName = "catalog";
    private const string DroppedFolderName = "dropped";
    private const string ShardsFolderName = "shards";
    private const int CurrentVersion = 1;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private readonly ConcurrentDictionary<string, CatalogEntry> cached = new(StringComparer.Ordinal);
    private readonly string catalogFolder;
    private readonly string droppedFolder;

    /// <summary>Opens (creating when absent) the catalog under <paramref name="dataDirectory"/>, and removes what interrupted drops left.</summary>
    public ClusterCatalog(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        catalogFolder = Path.Combine(DataDirectory, CatalogFolderName);
        droppedFolder = Path.Combine(catalogFolder, DroppedFolderName);
        Directory.CreateDirectory(droppedFolder);
        Directory.CreateDirectory(Path.Combine(DataDirectory, ShardsFolderName));
        foreach (string dropped in Directory.EnumerateFiles(droppedFolder, "*.json"))
            RemoveDroppedData(dropped);
    }

    /// <summary>The shared data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>Records a new collection; a name already taken is <see cref="CollectionExistsException"/>.</summary>
    public CatalogEntry Create(CollectionSettings settings, int shards)
    {
        CollectionManifest.Validate(settings);
        if (shards is < 1 or > CatalogEntry.MaxShards)
            throw new ArgumentException($"A collection has 1..{CatalogEntry.MaxShards} shards; asked for {shards}.", nameof(shards));
        var entry = new CatalogEntry(settings, shards, Guid.NewGuid().ToString("N")[..12]);
        // Of two silos creating one name, exactly one publishes the entry.
        if (!ExclusiveFile.TryPublish(EntryPath(entry.Name), stream => JsonSerializer.Serialize(stream, new Document(CurrentVersion, entry.Settings, entry.Shards, entry.Generation), Json)))
            throw new CollectionExistsException(entry.Name, $"Collection '{entry.Name}' already exists.");
        cached[entry.Name] = entry;
        return entry;
    }

    /// <summary>The named collection's entry (cached after the first read), or null when there is none.</summary>
    public CatalogEntry? Find(string name) =>
        cached.TryGetValue(name, out var entry) ? entry : Read(name) is { } read ? cached.GetOrAdd(name, read) : null;

    /// <summary>The entry as the catalog holds it now, bypassing the cache; null when there is none.</summary>
    public CatalogEntry? Read(string name)
    {
        string path = EntryPath(name);
        try
        {
            using var stream = File.OpenRead(path);
            var document = JsonSerializer.Deserialize<Document>(stream, Json) ?? throw new StorageException($"{path} is empty.");
            if (document.FormatVersion > CurrentVersion)
                throw new StorageException($"{path} was written by a newer format version ({document.FormatVersion}); upgrade ArcFace.VectorDb.");
            return new CatalogEntry(document.Settings, document.Shards, document.Generation);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new StorageException($"{path} is not a valid catalog entry: {e.Message}", e);
        }
    }

    /// <summary>Forgets a cached entry (a call found its generation dropped).</summary>
    public void Evict(string name) => cached.TryRemove(name, out _);

    /// <summary>The names of every collection, in ordinal order.</summary>
    public IReadOnlyList<string> Names() =>
        [.. Directory.EnumerateFiles(catalogFolder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Where(CollectionNames.IsValid).Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="entry"/>'s generation is still the collection's current one.</summary>
    public bool IsCurrent(CatalogEntry entry) => Read(entry.Name)?.Generation == entry.Generation;

    /// <summary>
    /// Marks the collection dropped (one atomic move; null when it was not there, or another drop won) and returns the
    /// entry it had. The caller closes the shards, then calls <see cref="RemoveData"/>.
    /// </summary>
    public CatalogEntry? MarkDropped(string name)
    {
        cached.TryRemove(name, out _);
        if (Read(name) is not { } entry)
            return null;
        try
        {
            File.Move(EntryPath(name), DroppedPath(entry), overwrite: false);
            return entry;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes a dropped collection's shard folders, then its dropped entry.</summary>
    public void RemoveData(CatalogEntry dropped) => RemoveDroppedData(DroppedPath(dropped));

    /// <summary>The folder shard <paramref name="index"/> of <paramref name="entry"/> keeps its collection in.</summary>
    public string ShardDirectory(CatalogEntry entry, int index) =>
        Path.Combine(DataFolder(entry.Name, entry.Generation), index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private string DataFolder(string name, string generation) => Path.Combine(DataDirectory, ShardsFolderName, $"{name}-{generation}");

    private string EntryPath(string name) => Path.Combine(catalogFolder, name + ".json");

    private string DroppedPath(CatalogEntry entry) => Path.Combine(droppedFolder, $"{entry.Name}-{entry.Generation}.json");

    private void RemoveDroppedData(string droppedPath)
    {
        string stem = Path.GetFileNameWithoutExtension(droppedPath);
        string data = Path.Combine(DataDirectory, ShardsFolderName, stem);
        if (Directory.Exists(data))
            Directory.Delete(data, recursive: true);
        File.Delete(droppedPath);
    }

    private sealed record Document(int FormatVersion, CollectionSettings Settings, int Shards, string Generation);
}
