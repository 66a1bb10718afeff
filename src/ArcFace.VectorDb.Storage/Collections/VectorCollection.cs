using System.Collections.Concurrent;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>
/// A named set of vectors with labels, sources and attributes: the log in its directory is the source of truth, the
/// HNSW index and the metadata map are derived from it and rebuilt by replaying it on open. Writes are serialised;
/// searches and gets run concurrently with them.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "'Collection' is the database term for a named vector set, as in Qdrant and Milvus.")]
public sealed class VectorCollection : IAsyncDisposable
{
    private const string LogFolderName = "log";

    private readonly VectorLog log;
    private readonly HnswIndex index;
    private readonly CollectionSnapshots snapshots;
    private readonly int snapshotEvery;
    private readonly ConcurrentDictionary<ulong, RecordMetadata> metadata = new();
    private readonly SemaphoreSlim writer = new(1, 1);
    private int writtenSinceSnapshot;
    private Task backgroundSnapshot = Task.CompletedTask;

    private VectorCollection(string directory, CollectionSettings settings, VectorLog log, HnswIndex? index, CollectionOptions options)
    {
        Directory = directory;
        Settings = settings;
        this.log = log;
        this.index = index ?? new HnswIndex(settings.Dimension, new HnswOptions { M = settings.M, EfConstruction = settings.EfConstruction, Metric = settings.Metric.IndexMetric() });
        snapshots = new CollectionSnapshots(directory);
        snapshotEvery = options.SnapshotEveryRecords;
    }

    /// <summary>The collection's directory.</summary>
    public string Directory { get; }

    /// <summary>What the collection is.</summary>
    public CollectionSettings Settings { get; }

    /// <summary>Number of live records.</summary>
    public int Count => index.Count;

    /// <summary>How the collection was recovered when it was opened (empty for a new one).</summary>
    public CollectionRecovery Recovery { get; private set; } = new(null, 0, [], []);

    /// <summary>Creates a new collection in <paramref name="directory"/>, which must not hold one already.</summary>
    public static VectorCollection Create(string directory, CollectionSettings settings, CollectionOptions? options = null)
    {
        options ??= new CollectionOptions();
        CollectionManifest.Validate(settings);
        if (File.Exists(Path.Combine(directory, CollectionManifest.FileName)))
            throw new StorageException($"{directory} already holds a collection.");
        System.IO.Directory.CreateDirectory(directory);
        var collection = new VectorCollection(directory, settings, VectorLog.Open(Path.Combine(directory, LogFolderName), options.Log), null, options);
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
        var log = VectorLog.Open(Path.Combine(directory, LogFolderName), options.Log);
        var warnings = new List<string>();
        var snapshot = new CollectionSnapshots(directory).LoadNewest(log.CommittedUntil, warnings);
        if (snapshot is { } loaded && (loaded.Index.Dimension != settings.Dimension || loaded.Index.Options.Metric != settings.Metric.IndexMetric()))
        {
            warnings.Add($"the index snapshot holds {loaded.Index.Dimension}-d {loaded.Index.Options.Metric} vectors, not what the manifest says; ignored.");
            loaded.Index.Dispose();
            snapshot = null;
        }
        if (snapshot is null && log.CommittedUntil > log.Begin)
            warnings.Add("no usable index snapshot: rebuilding the index from the whole log.");
        var collection = new VectorCollection(directory, settings, log, snapshot?.Index, options);
        collection.Replay(snapshot?.CoveredAddress, warnings);
        return collection;
    }

    /// <summary>Commits the log and writes an index snapshot covering it (writes wait meanwhile); returns the snapshot's path.</summary>
    public async Task<string> SnapshotAsync(CancellationToken cancellation = default)
    {
        await writer.WaitAsync(cancellation);
        try
        {
            await log.CommitAsync(cancellation);
            string path = snapshots.Write(index, log.Tail);
            writtenSinceSnapshot = 0;
            return path;
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>
    /// Inserts or replaces records. Every record is checked (dimension, finite components, a direction for cosine)
    /// before anything is written; one bad record rejects the batch with an error naming its id.
    /// </summary>
    public async ValueTask UpsertAsync(IReadOnlyList<LogRecord> records, Durability durability = Durability.Durable, CancellationToken cancellation = default)
    {
        var prepared = IncomingVectors.Prepare(records, Settings);
        await WriteAsync(prepared, durability, cancellation);
    }

    /// <summary>Deletes ids; returns how many were live.</summary>
    public async ValueTask<int> DeleteAsync(IReadOnlyList<ulong> ids, Durability durability = Durability.Durable, CancellationToken cancellation = default)
    {
        int live = ids.Distinct().Count(index.Contains);
        await WriteAsync(ids.Select(LogRecord.Delete).ToArray(), durability, cancellation);
        return live;
    }

    /// <summary>The stored record of an id, or null when it is not live.</summary>
    public StoredRecord? Get(ulong id)
    {
        var vector = new float[Settings.Dimension];
        if (!metadata.TryGetValue(id, out var meta) || !index.TryGetVector(id, vector))
            return null;
        return new StoredRecord(id, meta.Label, meta.Source, meta.Attributes, vector);
    }

    /// <summary>The k nearest live records to a query (ef ≥ k candidates), optionally only those with a given label.</summary>
    public IReadOnlyList<CollectionHit> Search(ReadOnlySpan<float> query, int k, int ef, string? label = null)
    {
        if (k < 1)
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        var stored = Settings.Metric.NormalizesVectors() ? Normalized(query) : query;
        var hits = new SearchHit[Math.Min(k, Math.Max(1, index.Count))];
        int found = label is null
            ? index.Search(stored, hits.Length, Math.Max(ef, hits.Length), hits)
            : index.Search(stored, hits.Length, Math.Max(ef, hits.Length), new LabelFilter(metadata, label), hits);
        var results = new List<CollectionHit>(found);
        for (int i = 0; i < found; i++)
            results.Add(new CollectionHit(hits[i].Id, hits[i].Score, metadata.TryGetValue(hits[i].Id, out var meta) ? meta.Label : ""));
        return results;
    }

    /// <summary>Every live record, in id order, as of the moment each is read.</summary>
    public IEnumerable<StoredRecord> Scan()
    {
        foreach (ulong id in metadata.Keys.Order())
        {
            if (Get(id) is { } record)
                yield return record;
        }
    }

    /// <summary>Commits what is pending and closes the log.</summary>
    public async ValueTask DisposeAsync()
    {
        await backgroundSnapshot;
        await log.DisposeAsync();
        index.Dispose();
        writer.Dispose();
    }

    private async ValueTask WriteAsync(LogRecord[] records, Durability durability, CancellationToken cancellation)
    {
        await writer.WaitAsync(cancellation);
        try
        {
            if (durability == Durability.Durable)
                await log.AppendDurableAsync(records, cancellation);
            else
                foreach (var record in records)
                    log.Append(record);
            foreach (var record in records)
                Apply(record, toIndex: true);
            writtenSinceSnapshot += records.Length;
            if (snapshotEvery > 0 && writtenSinceSnapshot >= snapshotEvery && backgroundSnapshot.IsCompleted)
                backgroundSnapshot = Task.Run(() => SnapshotAsync());
        }
        finally
        {
            writer.Release();
        }
    }

    private void Replay(long? snapshotAddress, List<string> warnings)
    {
        long covered = snapshotAddress ?? long.MinValue;
        int replayed = 0;
        var damaged = log.Scan(log.Begin, (address, record) =>
        {
            bool toIndex = address >= covered;
            Apply(record.ToRecord(), toIndex);
            replayed += toIndex ? 1 : 0;
        });
        warnings.AddRange(damaged.Select(d => $"skipped a damaged log record at {d}"));
        Recovery = new CollectionRecovery(snapshotAddress, replayed, damaged, warnings);
    }

    private void Apply(LogRecord record, bool toIndex)
    {
        if (record.Operation == LogOperation.Delete)
        {
            if (toIndex)
                index.Delete(record.Id);
            metadata.TryRemove(record.Id, out _);
            return;
        }
        metadata[record.Id] = new RecordMetadata(record.Label, record.Source, record.Attributes);
        if (toIndex)
            index.Upsert(record.Id, record.Vector.Span);
    }

    private static float[] Normalized(ReadOnlySpan<float> query)
    {
        var unit = query.ToArray();
        Core.Distance.L2Normalization.Normalize(unit);
        return unit;
    }
}
