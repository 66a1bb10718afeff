using System.Collections.Concurrent;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Storage.Thumbnails;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>
/// A named set of vectors with labels, sources and attributes: the log is the source of truth; the HNSW index and
/// the metadata map are derived from it, restored on open from the newest snapshot plus the log after it. Writes are
/// serialised; searches and gets run concurrently with them. Every call passes the collection's gate, so a drop
/// waits for the calls inside and refuses the ones after it, and a compaction swaps its index between calls.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "'Collection' is the database term for a named vector set, as in Qdrant and Milvus.")]
public sealed partial class VectorCollection : IAsyncDisposable
{
    private const string LogFolderName = "log";
    private const string RerankFileName = "rerank.f32";
    private const int ParallelApplyThreshold = 64;

    /// <summary>Vectors a quantised index learns its codes from: those of the first write (or of a compaction's sample), up to this many.</summary>
    private const int TrainingRows = 4096;

    private readonly CollectionGenerations generations;
    private readonly CollectionOptions options;
    private readonly ConcurrentDictionary<ulong, RecordMetadata> metadata = new();
    private readonly SemaphoreSlim writer = new(1, 1);
    private readonly ApplyTurns turns = new();
    private readonly CollectionGate gate;
    private readonly CancellationTokenSource dropped = new();
    private HnswIndex index;
    private VectorLog log;
    private CollectionSnapshots snapshots;
    private ThumbnailStore thumbnails;
    private int writtenSinceSnapshot;
    private int closing;
    private Task backgroundSnapshot = Task.CompletedTask;

    private VectorCollection(string directory, CollectionSettings settings, string generation, VectorLog log, HnswIndex index, ThumbnailStore thumbnails, CollectionOptions options)
    {
        Directory = directory;
        Settings = settings;
        generations = new CollectionGenerations(directory);
        gate = new CollectionGate(settings.Name);
        this.log = log;
        this.index = index;
        snapshots = new CollectionSnapshots(generation);
        this.thumbnails = thumbnails;
        this.options = options;
        IndexView = new GatedIndexView(this);
    }

    /// <summary>The collection's directory.</summary>
    public string Directory { get; }

    /// <summary>What the collection is.</summary>
    public CollectionSettings Settings { get; private set; }

    /// <summary>Number of live records.</summary>
    public int Count => Guarded(() => index.Count);

    /// <summary>The collection's HNSW index as measurements read it (recall against exact search): each call passes the gate.</summary>
    public IHnswView IndexView { get; }

    /// <summary>Cancelled when the collection is dropped, so that long work on it (evaluation jobs) stops.</summary>
    public CancellationToken Dropped => dropped.Token;

    /// <summary>How the collection was recovered when it was opened (empty for a new one).</summary>
    public CollectionRecovery Recovery { get; private set; } = new(null, 0, [], []);

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
        return await WriteAsync(ids.Select(LogRecord.Delete).ToArray(), durability, cancellation);
    }

    /// <summary>True when the id is live.</summary>
    public bool Contains(ulong id) => Guarded(() => index.Contains(id));

    /// <summary>The stored record of an id, or null when it is not live.</summary>
    public StoredRecord? Get(ulong id) => Guarded(() => Read(id));

    /// <summary>
    /// The k nearest live records to a query (ef ≥ k candidates), optionally only those a filter accepts. Each hit
    /// comes with its own label and attributes: a record deleted or relabelled while the search ran is left out rather
    /// than returned blank or against the filter. A cosine collection normalises the query; one with no direction is
    /// refused. A quantised collection re-ranks ⌈oversampling·k⌉ candidates with exact scores (the index's default when null).
    /// </summary>
    public IReadOnlyList<CollectionHit> Search(ReadOnlySpan<float> query, int k, int ef, SearchFilter? filter = null, float? oversampling = null)
    {
        if (k < 1)
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        try
        {
            VectorGuard.RequireFinite(query, Settings.Dimension);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The query for collection '{Settings.Name}': {e.Message}", nameof(query), e);
        }
        var stored = Settings.Metric.NormalizesVectors() ? Normalized(query) : query;
        gate.Enter();
        try
        {
            var hits = new SearchHit[Math.Min(k, Math.Max(1, index.Count))];
            int found = filter is null || filter.IsEmpty
                ? index.Search(stored, hits.Length, Math.Max(ef, hits.Length), hits, oversampling)
                : index.Search(stored, hits.Length, Math.Max(ef, hits.Length), new MetadataFilter(metadata, filter), hits, oversampling);
            return WithMetadata(hits.AsSpan(0, found), metadata, filter);
        }
        finally
        {
            gate.Exit();
        }
    }

    /// <summary>
    /// The hits with their records' metadata as it is now. A hit whose record was deleted since the index found it, or
    /// whose new metadata no longer passes the filter, is left out: a hit never comes back blank or against the filter.
    /// </summary>
    internal static List<CollectionHit> WithMetadata(ReadOnlySpan<SearchHit> hits, IReadOnlyDictionary<ulong, RecordMetadata> metadata, SearchFilter? filter)
    {
        var results = new List<CollectionHit>(hits.Length);
        foreach (var hit in hits)
        {
            if (metadata.TryGetValue(hit.Id, out var meta) && (filter is null || filter.Matches(meta)))
                results.Add(new CollectionHit(hit.Id, hit.Score, meta.Label, meta.Source, meta.Attributes));
        }
        return results;
    }

    /// <summary>Every live record, in id order, as of the moment each is read.</summary>
    public IEnumerable<StoredRecord> Scan()
    {
        foreach (ulong id in Guarded(() => metadata.Keys.Order().ToArray()))
        {
            if (Get(id) is { } record)
                yield return record;
        }
    }

    /// <summary>Up to <paramref name="limit"/> live ids from <paramref name="fromId"/> on, ascending: the ids alone, without reading their records.</summary>
    /// <remarks>A page smaller than the collection is one pass over the ids with a heap of <paramref name="limit"/>, not a sort of all of them, so paging through a large collection stays linear per page.</remarks>
    public ulong[] LiveIds(ulong fromId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (limit >= Count)
        {
            var all = Guarded(() => metadata.Keys.Where(id => id >= fromId).ToArray());
            Array.Sort(all);
            return all.Length <= limit ? all : all[..limit];
        }
        var largestFirst = new PriorityQueue<ulong, ulong>(Comparer<ulong>.Create(static (a, b) => b.CompareTo(a)));
        Guarded(() =>
        {
            foreach (var (id, _) in metadata)
            {
                if (id < fromId)
                    continue;
                if (largestFirst.Count < limit)
                    largestFirst.Enqueue(id, id);
                else if (id < largestFirst.Peek())
                    largestFirst.DequeueEnqueue(id, id);
            }
            return 0;
        });
        var ids = new ulong[largestFirst.Count];
        for (int i = ids.Length - 1; i >= 0; i--)
            ids[i] = largestFirst.Dequeue();
        return ids;
    }

    /// <summary>
    /// Appends records under the writer lock, then (outside it) waits for their commit when durable, and applies them
    /// when every earlier write has applied; returns how many distinct deleted ids were live just before. Concurrent
    /// durable writers thus share group commits instead of waiting for each other's, and memory follows log order.
    /// The gate is entered once the writer lock is held (a compaction holds that lock while it pauses the gate).
    /// </summary>
    private async ValueTask<int> WriteAsync(LogRecord[] records, Durability durability, CancellationToken cancellation)
    {
        RequireWritable();
        long ticket, until;
        VectorLog appendedTo;
        await writer.WaitAsync(cancellation);
        try
        {
            gate.Enter();
        }
        catch
        {
            writer.Release();
            throw;
        }
        try
        {
            try
            {
                foreach (var record in records)
                    log.Append(record);
                (appendedTo, until, ticket) = (log, log.Tail, turns.Take());
            }
            finally
            {
                writer.Release();
            }
            // Once appended, a record is waited for and applied even if the caller gives up, so memory never lags the log.
            if (durability == Durability.Durable)
                await appendedTo.WaitForCommitAsync(until, CancellationToken.None);
            await turns.WaitTurnAsync(ticket);
            try
            {
                int liveDeletes = records.Where(r => r.Operation == LogOperation.Delete).Select(r => r.Id).Distinct().Count(index.Contains);
                Apply(records);
                thumbnails.Remove(records.Where(r => r.Operation == LogOperation.Delete).Select(r => r.Id));
                writtenSinceSnapshot += records.Length;
                if (options.SnapshotEveryRecords > 0 && writtenSinceSnapshot >= options.SnapshotEveryRecords && backgroundSnapshot.IsCompleted)
                    backgroundSnapshot = Task.Run(() => SnapshotAsync());
                return liveDeletes;
            }
            finally
            {
                turns.Done(ticket);
            }
        }
        finally
        {
            gate.Exit();
        }
    }

    /// <summary>Under the writer lock: waits until every appended write has applied, so the index matches the log tail.</summary>
    private Task AllAppliedAsync() => turns.WaitAppliedAsync(turns.Issued);

    /// <summary>
    /// Applies records in log order to the metadata and the index. A batch of distinct ids goes into the index on
    /// every core; a batch that repeats an id keeps strict order.
    /// </summary>
    private void Apply(IReadOnlyList<LogRecord> records)
    {
        if (!index.IsTrained)
            Train(records);
        bool parallel = records.Count >= ParallelApplyThreshold && records.Select(r => r.Id).Distinct().Count() == records.Count;
        foreach (var record in records)
        {
            if (record.Operation == LogOperation.Upsert)
                metadata[record.Id] = new RecordMetadata(record.Label, record.Source, record.Attributes);
            if (!parallel)
                ApplyToIndex(record);
        }
        if (!parallel)
            return;
        Parallel.For(0, records.Count, i => ApplyToIndex(records[i]));
    }

    /// <summary>Teaches a quantised index its codes from the first upserted vectors it is given (up to <see cref="TrainingRows"/>).</summary>
    private void Train(IReadOnlyList<LogRecord> records)
    {
        var upserts = records.Where(r => r.Operation == LogOperation.Upsert).Take(TrainingRows).ToArray();
        if (upserts.Length == 0)
            return;
        var rows = new float[upserts.Length * Settings.Dimension];
        for (int i = 0; i < upserts.Length; i++)
            upserts[i].Vector.Span.CopyTo(rows.AsSpan(i * Settings.Dimension));
        index.Train(rows);
    }

    /// <summary>Where a generation's quantised index keeps its exact vectors; a read-only opener works on a private copy.</summary>
    private static ExactVectorLocation RerankFile(string generation, bool readOnly) => new(Path.Combine(generation, RerankFileName), readOnly);

    private void ApplyToIndex(LogRecord record)
    {
        if (record.Operation == LogOperation.Delete)
        {
            index.Delete(record.Id);
            metadata.TryRemove(record.Id, out _);
        }
        else
        {
            index.Upsert(record.Id, record.Vector.Span);
        }
    }

    /// <summary>The record of a live id, read without passing the gate (the caller is inside it or holds the collection alone).</summary>
    private StoredRecord? Read(ulong id)
    {
        var vector = new float[Settings.Dimension];
        if (!metadata.TryGetValue(id, out var meta) || !index.TryGetVector(id, vector))
            return null;
        return new StoredRecord(id, meta.Label, meta.Source, meta.Attributes, vector);
    }

    private T Guarded<T>(Func<T> read)
    {
        gate.Enter();
        try
        {
            return read();
        }
        finally
        {
            gate.Exit();
        }
    }

    private void RequireWritable()
    {
        if (options.ReadOnly)
            throw new InvalidOperationException($"Collection '{Settings.Name}' was opened read-only.");
    }

    private float[] Normalized(ReadOnlySpan<float> query)
    {
        var unit = query.ToArray();
        if (!(L2Normalization.Normalize(unit) > 0))
            throw new ArgumentException($"The query vector is zero, so it has no direction to compare (collection '{Settings.Name}' is cosine).", nameof(query));
        return unit;
    }

    /// <summary>The index as <see cref="IndexView"/> shows it: each call passes the collection's gate and reads the index of the moment.</summary>
    private sealed class GatedIndexView(VectorCollection collection) : IHnswView
    {
        public int Dimension => collection.Settings.Dimension;

        public HnswOptions Options => collection.Guarded(() => collection.index.Options);

        public long MemoryBytes => collection.Guarded(() => collection.index.MemoryBytes);

        public long ExactVectorBytes => collection.Guarded(() => collection.index.ExactVectorBytes);

        public HnswStatistics Statistics() => collection.Guarded(() => collection.index.Statistics());

        public int Search(ReadOnlySpan<float> query, int k, int ef, Span<SearchHit> results, float? oversampling = null)
        {
            collection.gate.Enter();
            try
            {
                return collection.index.Search(query, k, ef, results, oversampling);
            }
            finally
            {
                collection.gate.Exit();
            }
        }
    }
}
