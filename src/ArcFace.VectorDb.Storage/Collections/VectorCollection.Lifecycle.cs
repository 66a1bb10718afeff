using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Storage.Thumbnails;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>Creating, opening (snapshot + log replay), closing and dropping a collection.</summary>
public sealed partial class VectorCollection
{
    private const int ReplayBatch = 4096;

    /// <summary>Creates a new collection in <paramref name="directory"/>, which must not hold one already.</summary>
    public static VectorCollection Create(string directory, CollectionSettings settings, CollectionOptions? options = null)
    {
        options ??= new CollectionOptions();
        CollectionManifest.Validate(settings);
        if (options.ReadOnly)
            throw new InvalidOperationException($"Collection '{settings.Name}' cannot be created read-only.");
        if (File.Exists(Path.Combine(directory, CollectionManifest.FileName)))
            throw new CollectionExistsException(settings.Name, $"{directory} already holds a collection.");
        System.IO.Directory.CreateDirectory(directory);
        string generation = new CollectionGenerations(directory).Initialize();
        var log = VectorLog.Open(Path.Combine(generation, LogFolderName), options.Log);
        var index = new HnswIndex(settings.Dimension, settings.IndexOptions(), RerankFile(generation, readOnly: false));
        var collection = new VectorCollection(directory, settings, generation, log, index, ThumbnailStore.Open(generation, readOnly: false, []), options);
        CollectionManifest.Write(directory, settings);
        return collection;
    }

    /// <summary>
    /// Opens the collection in <paramref name="directory"/>: loads the newest usable index snapshot and replays the log
    /// after the address it covers; without one, replays the whole log. <see cref="Recovery"/> says what happened.
    /// Read-only, nothing on disk is touched (no clean-up of stale files, no snapshot on close).
    /// </summary>
    public static VectorCollection Open(string directory, CollectionOptions? options = null)
    {
        options ??= new CollectionOptions();
        var settings = CollectionManifest.Read(directory);
        var generations = new CollectionGenerations(directory);
        string generation = generations.Current;
        if (!options.ReadOnly)
            generations.RemoveStale();
        var log = VectorLog.Open(Path.Combine(generation, LogFolderName), options.Log);
        var warnings = new List<string>();
        var snapshot = new CollectionSnapshots(generation).LoadNewest(log.CommittedUntil, warnings, settings.Quantization, RerankFile(generation, options.ReadOnly), removeLeftovers: !options.ReadOnly);
        if (snapshot is { } loaded && (loaded.Index.Dimension != settings.Dimension || loaded.Index.Options.Metric != settings.Metric.IndexMetric()))
        {
            warnings.Add($"the index snapshot holds {loaded.Index.Dimension}-d {loaded.Index.Options.Metric} vectors, not what the manifest says; ignored.");
            loaded.Index.Dispose();
            snapshot = null;
        }
        if (snapshot is null && log.CommittedUntil > log.Begin)
            warnings.Add("no usable index snapshot: rebuilding the index from the whole log.");
        var thumbnails = ThumbnailStore.Open(generation, options.ReadOnly, warnings);
        var index = snapshot?.Index ?? EmptyIndex(settings, generation, options.ReadOnly, warnings);
        var collection = new VectorCollection(directory, settings, generation, log, index, thumbnails, options);
        collection.Replay(snapshot?.CoveredAddress, warnings);
        thumbnails.Retain(collection.metadata.ContainsKey);
        return collection;
    }

    /// <summary>
    /// The empty index a full replay fills. A re-rank file whose header cannot be read (or that belongs to another
    /// quantisation) is derived data: unless the collection is read-only, it is removed with a warning and written
    /// again from the log.
    /// </summary>
    private static HnswIndex EmptyIndex(CollectionSettings settings, string generation, bool readOnly, List<string> warnings)
    {
        var location = RerankFile(generation, readOnly);
        try
        {
            return new HnswIndex(settings.Dimension, settings.IndexOptions(), location);
        }
        catch (InvalidDataException e) when (!readOnly)
        {
            warnings.Add($"the re-rank file is unusable ({e.Message}); it is written again from the log.");
            File.Delete(location.Path);
            return new HnswIndex(settings.Dimension, settings.IndexOptions(), location);
        }
    }

    /// <summary>A record the snapshot already holds: only its metadata is needed, so the vector is never copied.</summary>
    private void ApplyToMetadata(LogRecordView record)
    {
        if (record.Operation == LogOperation.Delete)
            metadata.TryRemove(record.Id, out _);
        else
            metadata[record.Id] = new RecordMetadata(record.Label, record.Source, record.ReadAttributes());
    }

    private void Replay(long? snapshotAddress, List<string> warnings)
    {
        long covered = snapshotAddress ?? long.MinValue;
        int replayed = 0;
        var batch = new List<LogRecord>(ReplayBatch);
        var damaged = log.Scan(log.Begin, (address, record) =>
        {
            if (address < covered)
            {
                ApplyToMetadata(record);
                return;
            }
            replayed++;
            batch.Add(record.ToRecord());
            if (batch.Count == ReplayBatch)
                Flush();
        });
        Flush();
        warnings.AddRange(damaged.Select(d => $"skipped a damaged log record at {d}"));
        Recovery = new CollectionRecovery(snapshotAddress, replayed, damaged, warnings);
        writtenSinceSnapshot = replayed;

        void Flush()
        {
            Apply(batch);
            batch.Clear();
        }
    }

    /// <summary>
    /// Closes the collection for a drop: cancels <see cref="Dropped"/>, refuses every call from now on, waits for the
    /// calls inside and for any snapshot or compaction to end, then closes the log without a snapshot (its files are
    /// about to be deleted). Afterwards the caller may delete the directory.
    /// </summary>
    public async Task CloseForDropAsync()
    {
        await dropped.CancelAsync();
        await CloseAsync(snapshot: false);
    }

    /// <summary>Writes a snapshot when the index has changed since the last one (unless turned off), commits what is pending and closes the log.</summary>
    public async ValueTask DisposeAsync() => await CloseAsync(snapshot: options.SnapshotOnClose && !options.ReadOnly);

    /// <summary>
    /// Closes the gate (waiting for the calls inside), lets a background snapshot end, takes the writer lock, writes an
    /// optional last snapshot and releases the log and the index. Writers still waiting for the lock then find the gate closed.
    /// </summary>
    private async Task CloseAsync(bool snapshot)
    {
        if (Interlocked.Exchange(ref closing, 1) != 0)
            return;
        await gate.CloseAsync();
        await backgroundSnapshot.ContinueWith(_ => { }, TaskScheduler.Default);
        await writer.WaitAsync();
        try
        {
            if (snapshot && writtenSinceSnapshot > 0)
                await WriteSnapshotAsync(CancellationToken.None);
        }
        catch (IOException)
        {
            // A snapshot that cannot be written loses nothing: the log holds every record, and the next open replays it.
        }
        finally
        {
            await log.DisposeAsync();
            index.Dispose();
            thumbnails.Dispose();
            writer.Release();
        }
    }
}
