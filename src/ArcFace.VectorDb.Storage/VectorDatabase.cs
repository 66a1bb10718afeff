using System.Text.Json;
using ArcFace.VectorDb.Core.IO;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Storage;

/// <summary>
/// A database: a directory with a format marker and one subdirectory per collection under collections/, owned by one
/// process at a time through an operating-system lock (<see cref="DatabaseLock"/>): the writer holds it alone,
/// read-only openers share it. Creating, opening and dropping a collection are atomic with respect to each other and
/// to every call on that name: while a drop runs the name is gone (lookups find nothing, a create waits for the drop).
/// </summary>
public sealed class VectorDatabase : IAsyncDisposable
{
    /// <summary>The marker file that makes a directory a database.</summary>
    public const string MarkerFileName = "arcvdb.json";

    /// <summary>The database format this build writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    private const string CollectionsFolderName = "collections";
    private const string DroppedPrefix = ".dropped-";

    private readonly Dictionary<string, VectorCollection> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> dropping = new(StringComparer.Ordinal);
    private readonly CollectionOptions options;
    private readonly DatabaseLock owner;

    private VectorDatabase(string directory, CollectionOptions? options, DatabaseLock owner)
    {
        Directory = directory;
        this.options = options ?? new CollectionOptions();
        this.owner = owner;
    }

    /// <summary>The database directory.</summary>
    public string Directory { get; }

    /// <summary>True when this process opened the database to read it beside other readers, so it writes nothing.</summary>
    public bool IsReadOnly => owner.Access == DatabaseAccess.Shared;

    private string CollectionsDirectory => Path.Combine(Directory, CollectionsFolderName);

    /// <summary>Creates a database in a directory that is absent or empty, and owns it.</summary>
    public static VectorDatabase Create(string directory, CollectionOptions? options = null)
    {
        string full = FullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        var owner = DatabaseLock.Acquire(full, DatabaseAccess.Exclusive);
        try
        {
            return CreateLocked(full, options, owner);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing database and owns it; a directory that is not one, or one from a newer version, is refused with a clear message.</summary>
    public static VectorDatabase Open(string directory, CollectionOptions? options = null) => OpenLocked(directory, options, DatabaseAccess.Exclusive);

    /// <summary>
    /// Opens an existing database to read it, beside other readers: refused while a process owns it to write (and
    /// keeps owners out meanwhile). Collections open read-only: nothing on disk changes.
    /// </summary>
    public static VectorDatabase OpenReadOnly(string directory, CollectionOptions? options = null) =>
        OpenLocked(directory, (options ?? new CollectionOptions()) with { ReadOnly = true, SnapshotOnClose = false, SnapshotEveryRecords = 0 }, DatabaseAccess.Shared);

    /// <summary>Opens the database and owns it, creating it first when the directory is absent or empty.</summary>
    public static VectorDatabase OpenOrCreate(string directory, CollectionOptions? options = null)
    {
        string full = FullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        var owner = DatabaseLock.Acquire(full, DatabaseAccess.Exclusive);
        try
        {
            return File.Exists(Path.Combine(full, MarkerFileName)) ? Opened(full, options, owner) : CreateLocked(full, options, owner);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>Names of the collections, sorted (a collection being dropped is no longer listed).</summary>
    public IReadOnlyList<string> CollectionNames()
    {
        lock (open)
            return OnDisk().Where(name => !dropping.ContainsKey(name)).ToList();
    }

    /// <summary>Creates a collection; its name must be new. A drop of the same name still running is waited for first.</summary>
    public VectorCollection CreateCollection(CollectionSettings settings)
    {
        CollectionManifest.Validate(settings);
        RequireWritable();
        while (true)
        {
            Task? drop;
            lock (open)
            {
                if (!dropping.TryGetValue(settings.Name, out drop))
                {
                    if (open.ContainsKey(settings.Name) || OnDisk().Contains(settings.Name))
                        throw new CollectionExistsException(settings.Name, $"Collection '{settings.Name}' already exists in {Directory}.");
                    var collection = VectorCollection.Create(Path.Combine(CollectionsDirectory, settings.Name), settings, options);
                    open[settings.Name] = collection;
                    return collection;
                }
            }
            drop.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        }
    }

    /// <summary>The named collection, opened (and its log replayed) on first use, or null when the database has none of that name.</summary>
    public VectorCollection? TryGetCollection(string name)
    {
        lock (open)
        {
            if (open.TryGetValue(name, out var collection))
                return collection;
            if (dropping.ContainsKey(name) || !Collections.CollectionNames.IsValid(name) || !OnDisk().Contains(name))
                return null;
            collection = VectorCollection.Open(Path.Combine(CollectionsDirectory, name), options);
            open[name] = collection;
            return collection;
        }
    }

    /// <summary>The named collection, opened (and its log replayed) on first use; <see cref="CollectionNotFoundException"/> names the ones there are.</summary>
    public VectorCollection GetCollection(string name)
    {
        if (TryGetCollection(name) is { } collection)
            return collection;
        var names = CollectionNames();
        throw new CollectionNotFoundException(name, $"No collection '{Collections.CollectionNames.Shown(name)}' in {Directory}; it has {(names.Count == 0 ? "none" : string.Join(", ", names))}.");
    }

    /// <summary>
    /// Deletes a collection and its files; returns false when there was none of that name (or another drop of it is
    /// running). From the moment it starts, the name is gone: calls already inside the collection finish, later ones
    /// are refused as not found, its <see cref="VectorCollection.Dropped"/> token cancels long work on it, and a create
    /// of the name waits until the files are gone.
    /// </summary>
    public async Task<bool> DropCollectionAsync(string name)
    {
        RequireWritable();
        VectorCollection? collection;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (open)
        {
            if (dropping.ContainsKey(name) || !Collections.CollectionNames.IsValid(name) || (!open.ContainsKey(name) && !OnDisk().Contains(name)))
                return false;
            open.Remove(name, out collection);
            dropping[name] = finished.Task;
        }
        try
        {
            if (collection is not null)
                await collection.CloseForDropAsync();
            string doomed = Path.Combine(CollectionsDirectory, $"{DroppedPrefix}{name}-{Guid.NewGuid():N}");
            System.IO.Directory.Move(Path.Combine(CollectionsDirectory, name), doomed);
            System.IO.Directory.Delete(doomed, recursive: true);
            return true;
        }
        finally
        {
            lock (open)
                dropping.Remove(name);
            finished.SetResult();
        }
    }

    /// <summary>Closes every open collection, committing what is pending, then releases the database lock.</summary>
    public async ValueTask DisposeAsync()
    {
        VectorCollection[] collections;
        Task[] drops;
        lock (open)
        {
            collections = [.. open.Values];
            open.Clear();
            drops = [.. dropping.Values];
        }
        try
        {
            foreach (var collection in collections)
                await collection.DisposeAsync();
            await Task.WhenAll(drops);
        }
        finally
        {
            owner.Dispose();
        }
    }

    private static VectorDatabase CreateLocked(string full, CollectionOptions? options, DatabaseLock owner)
    {
        if (System.IO.Directory.EnumerateFileSystemEntries(full).Any(entry => !DatabaseLock.IsLockFile(entry)))
            throw new StorageException($"{full} is not empty; a new database needs an empty or absent directory.");
        var database = new VectorDatabase(full, options, owner);
        System.IO.Directory.CreateDirectory(database.CollectionsDirectory);
        AtomicFile.Write(Path.Combine(full, MarkerFileName), stream => JsonSerializer.Serialize(stream, new Marker(CurrentVersion), StorageJson.Options));
        return database;
    }

    private static VectorDatabase OpenLocked(string directory, CollectionOptions? options, DatabaseAccess access)
    {
        string full = FullPath(directory);
        RequireMarker(full);
        var owner = DatabaseLock.Acquire(full, access);
        try
        {
            return Opened(full, options, owner);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>With the lock held: checks the marker and, when owning the database, removes what a crashed drop left.</summary>
    private static VectorDatabase Opened(string full, CollectionOptions? options, DatabaseLock owner)
    {
        RequireMarker(full);
        var database = new VectorDatabase(full, options, owner);
        if (owner.Access == DatabaseAccess.Exclusive && System.IO.Directory.Exists(database.CollectionsDirectory))
        {
            foreach (string leftover in System.IO.Directory.EnumerateDirectories(database.CollectionsDirectory, $"{DroppedPrefix}*"))
                System.IO.Directory.Delete(leftover, recursive: true);
        }
        return database;
    }

    private static void RequireMarker(string full)
    {
        string marker = Path.Combine(full, MarkerFileName);
        if (!File.Exists(marker))
        {
            throw new StorageException(File.Exists(full) ? $"{full} is a file, not a database directory."
                : System.IO.Directory.Exists(full) ? $"{full} is not an ArcFace.VectorDb database: it has no {MarkerFileName}."
                : $"{full} does not exist; create the database first (arcvdb create --db {full}).");
        }
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
    }

    private static string FullPath(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (File.Exists(full))
            throw new StorageException($"{full} is a file, not a database directory.");
        return full;
    }

    /// <summary>Collections with a manifest on disk, sorted; folders that are not valid names (such as a drop's leftovers) are not collections.</summary>
    private List<string> OnDisk() =>
        System.IO.Directory.Exists(CollectionsDirectory)
            ? System.IO.Directory.EnumerateDirectories(CollectionsDirectory)
                .Where(d => File.Exists(Path.Combine(d, CollectionManifest.FileName)))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(Collections.CollectionNames.IsValid)
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    private void RequireWritable()
    {
        if (IsReadOnly)
            throw new InvalidOperationException($"The database {Directory} was opened read-only.");
    }

    private sealed record Marker(int FormatVersion);
}
