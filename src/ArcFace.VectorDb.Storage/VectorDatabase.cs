using System.Text.Json;
using ArcFace.VectorDb.Core.IO;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Storage;

/// <summary>A database: a directory with a format marker and one subdirectory per collection under collections/.</summary>
public sealed class VectorDatabase : IAsyncDisposable
{
    /// <summary>The marker file that makes a directory a database.</summary>
    public const string MarkerFileName = "arcvdb.json";

    /// <summary>The database format this build writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    private const string CollectionsFolderName = "collections";

    private readonly Dictionary<string, VectorCollection> open = new(StringComparer.Ordinal);
    private readonly CollectionOptions? options;

    private VectorDatabase(string directory, CollectionOptions? options)
    {
        Directory = Path.GetFullPath(directory);
        this.options = options;
    }

    /// <summary>The database directory.</summary>
    public string Directory { get; }

    private string CollectionsDirectory => Path.Combine(Directory, CollectionsFolderName);

    /// <summary>Creates a database in a directory that is absent or empty.</summary>
    public static VectorDatabase Create(string directory, CollectionOptions? options = null)
    {
        if (System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFileSystemEntries(directory).Any())
            throw new StorageException($"{Path.GetFullPath(directory)} is not empty; a new database needs an empty or absent directory.");
        var database = new VectorDatabase(directory, options);
        System.IO.Directory.CreateDirectory(database.CollectionsDirectory);
        AtomicFile.Write(Path.Combine(database.Directory, MarkerFileName), stream => JsonSerializer.Serialize(stream, new Marker(CurrentVersion), StorageJson.Options));
        return database;
    }

    /// <summary>Opens an existing database; a directory that is not one, or one from a newer version, is refused with a clear message.</summary>
    public static VectorDatabase Open(string directory, CollectionOptions? options = null)
    {
        string full = Path.GetFullPath(directory);
        string marker = Path.Combine(full, MarkerFileName);
        if (!File.Exists(marker))
            throw new StorageException(System.IO.Directory.Exists(full)
                ? $"{full} is not an ArcFace.VectorDb database: it has no {MarkerFileName}."
                : $"{full} does not exist; create the database first.");
        Marker? read;
        try
        {
            read = JsonSerializer.Deserialize<Marker>(File.ReadAllText(marker), StorageJson.Options);
        }
        catch (JsonException e)
        {
            throw new StorageException($"{marker} is damaged: {e.Message}", e);
        }
        if (read is null || read.FormatVersion < 1)
            throw new StorageException($"{marker} is damaged: it names no format version.");
        if (read.FormatVersion > CurrentVersion)
            throw new StorageException($"{full} was written by a newer format version ({read.FormatVersion}; this build reads up to {CurrentVersion}). Upgrade ArcFace.VectorDb.");
        return new VectorDatabase(full, options);
    }

    /// <summary>Opens the database, creating it first when the directory is absent or empty.</summary>
    public static VectorDatabase OpenOrCreate(string directory, CollectionOptions? options = null) =>
        File.Exists(Path.Combine(directory, MarkerFileName)) ? Open(directory, options) : Create(directory, options);

    /// <summary>Names of the collections, sorted.</summary>
    public IReadOnlyList<string> CollectionNames() =>
        System.IO.Directory.EnumerateDirectories(CollectionsDirectory)
            .Where(d => File.Exists(Path.Combine(d, CollectionManifest.FileName)))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Creates a collection; its name must be new.</summary>
    public VectorCollection CreateCollection(CollectionSettings settings)
    {
        CollectionManifest.Validate(settings);
        lock (open)
        {
            if (CollectionNames().Contains(settings.Name))
                throw new StorageException($"Collection '{settings.Name}' already exists in {Directory}.");
            var collection = VectorCollection.Create(Path.Combine(CollectionsDirectory, settings.Name), settings, options);
            open[settings.Name] = collection;
            return collection;
        }
    }

    /// <summary>The named collection, opened on first use, or null when the database has none of that name.</summary>
    public VectorCollection? TryGetCollection(string name)
    {
        lock (open)
            return open.TryGetValue(name, out var collection) || !CollectionNames().Contains(name) ? collection : GetCollection(name);
    }

    /// <summary>The named collection, opened (and its log replayed) on first use.</summary>
    public VectorCollection GetCollection(string name)
    {
        lock (open)
        {
            if (open.TryGetValue(name, out var collection))
                return collection;
            var names = CollectionNames();
            if (!names.Contains(name))
                throw new StorageException($"No collection '{name}' in {Directory}; it has {(names.Count == 0 ? "none" : string.Join(", ", names))}.");
            collection = VectorCollection.Open(Path.Combine(CollectionsDirectory, name), options);
            open[name] = collection;
            return collection;
        }
    }

    /// <summary>Deletes a collection and its files; returns false when there was none of that name.</summary>
    public async Task<bool> DropCollectionAsync(string name)
    {
        VectorCollection? collection;
        lock (open)
        {
            if (!CollectionNames().Contains(name))
                return false;
            open.Remove(name, out collection);
        }
        if (collection is not null)
            await collection.DisposeAsync();
        string directory = Path.Combine(CollectionsDirectory, name);
        string doomed = Path.Combine(CollectionsDirectory, $".dropped-{name}-{Guid.NewGuid():N}");
        System.IO.Directory.Move(directory, doomed);
        System.IO.Directory.Delete(doomed, recursive: true);
        return true;
    }

    /// <summary>Closes every open collection, committing what is pending.</summary>
    public async ValueTask DisposeAsync()
    {
        VectorCollection[] collections;
        lock (open)
        {
            collections = [.. open.Values];
            open.Clear();
        }
        foreach (var collection in collections)
            await collection.DisposeAsync();
    }

    private sealed record Marker(int FormatVersion);
}
