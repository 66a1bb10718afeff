using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>Creating, opening (snapshot + log replay) and closing a collection.</summary>
public sealed partial class VectorCollection
{
    /// <summary>Creates a new collection in <paramref name="directory"/>, which must not hold one already.</summary>
    public static VectorCollection Create(string directory, CollectionSettings settings, CollectionOptions? options = null)
    {
        options ??= new CollectionOptions();
        CollectionManifest.Validate(settings);
        if (File.Exists(Path.Combine(directory, CollectionManifest.FileName)))
            throw new StorageException($"{directory} already holds a collection.");
        System.IO.Directory.CreateDirectory(directory);
        string generation = new CollectionGenerations(directory).Initialize();
        var collection = new VectorCollection(directory, settings, generation, VectorLog.Open(Path.Combine(generation, LogFolderName), options.Log), null, options);
        CollectionManifest.Write(directory, settings);
        return collection;
    }

    /// <summary>
    /// Opens the collection in <paramref name="directory"/>: loads the newest usable index snapshot and replays the log
    /// after the address it covers; without one, replays the whole log. <see cref="Recovery"/> says what happened.
    /// </summary>
    public static VectorCollection Open(string directory, CollectionOptions? options = null)
    {
        options ??= new CollectionOptions();
        var settings = CollectionManifest.Read(directory);
        var generations = new CollectionGenerations(directory);
        string generation = generations.Current;
        generations.RemoveStale();
        var log = VectorLog.Open(Path.Combine(generation, LogFolderName), options.Log);
        var warnings = new List<string>();
        var snapshot = new CollectionSnapshots(generation).LoadNewest(log.CommittedUntil, warnings);
        if (snapshot is { } loaded && (loaded.Index.Dimension != settings.Dimension || loaded.Index.Options.Metric != settings.Metric.IndexMetric()))
        {
            warnings.Add($"the index snapshot holds {loaded.Index.Dimension}-d {loaded.Index.Options.Metric} vectors, not what the manifest says; ignored.");
            loaded.Index.Dispose();
            snapshot = null;
        }
        if (snapshot is null && log.CommittedUntil > log.Begin)
            warnings.Add("no usable index snapshot: rebuilding the index from the whole log.");
        var collection = new VectorCollection(directory, settings, generation, log, snapshot?.Index, options);
        collection.Replay(snapshot?.CoveredAddress, warnings);
        return collection;
    }

    private const int ReplayBatch = 4096;

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

    /// <summary>Writes a snapshot when the index has changed since the last one (unless turned off), commits what is pending and closes the log.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await backgroundSnapshot;
            if (options.SnapshotOnClose && writtenSinceSnapshot > 0)
                await SnapshotAsync();
        }
        catch (IOException)
        {
            // A snapshot that cannot be written loses nothing: the log holds every record, and the next open replays it.
        }
        finally
        {
            await log.DisposeAsync();
            index.Dispose();
            writer.Dispose();
        }
    }
}
