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
    private readonly ConcurrentDictionary<ulong, RecordMetadata> metadata = new();
    private readonly SemaphoreSlim writer = new(1, 1);

    private VectorCollection(string directory, CollectionSettings settings, VectorLog log)
    {
        Directory = directory;
        Settings = settings;
        this.log = log;
        index = new HnswIndex(settings.Dimension, new HnswOptions { M = settings.M, EfConstruction = settings.EfConstruction, Metric = settings.Metric.IndexMetric() });
    }

    /// <summary>The collection's directory.</summary>
    public string Directory { get; }

    /// <summary>What the collection is.</summary>
    public CollectionSettings Settings { get; }

    /// <summary>Number of live records.</summary>
    public int Count => index.Count;

    /// <summary>Entries of the log that failed their checksum during the last replay, skipped (address and reason).</summary>
    public IReadOnlyList<DamagedRecord> DamagedRecords { get; private set; } = [];

    /// <summary>Creates a new collection in <paramref name="directory"/>, which must not hold one already.</summary>
    public static VectorCollection Create(string directory, CollectionSettings settings, VectorLogOptions? logOptions = null)
    {
        CollectionManifest.Validate(settings);
        if (File.Exists(Path.Combine(directory, CollectionManifest.FileName)))
            throw new StorageException($"{directory} already holds a collection.");
        System.IO.Directory.CreateDirectory(directory);
        var collection = new VectorCollection(directory, settings, VectorLog.Open(Path.Combine(directory, LogFolderName), logOptions));
        CollectionManifest.Write(directory, settings);
        return collection;
    }

    /// <summary>Opens the collection in <paramref name="directory"/> and rebuilds its index by replaying the log.</summary>
    public static VectorCollection Open(string directory, VectorLogOptions? logOptions = null)
    {
        var settings = CollectionManifest.Read(directory);
        var collection = new VectorCollection(directory, settings, VectorLog.Open(Path.Combine(directory, LogFolderName), logOptions));
        collection.Replay();
        return collection;
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
                Apply(record);
        }
        finally
        {
            writer.Release();
        }
    }

    private void Replay()
    {
        DamagedRecords = log.Scan(log.Begin, (_, record) => Apply(record.ToRecord()));
    }

    private void Apply(LogRecord record)
    {
        if (record.Operation == LogOperation.Delete)
        {
            index.Delete(record.Id);
            metadata.TryRemove(record.Id, out _);
            return;
        }
        metadata[record.Id] = new RecordMetadata(record.Label, record.Source, record.Attributes);
        index.Upsert(record.Id, record.Vector.Span);
    }

    private static float[] Normalized(ReadOnlySpan<float> query)
    {
        var unit = query.ToArray();
        Core.Distance.L2Normalization.Normalize(unit);
        return unit;
    }
}
