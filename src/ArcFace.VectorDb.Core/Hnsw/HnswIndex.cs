using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// An HNSW index of float32 vectors under 64-bit ids. Inserts may run in parallel with each other and with searches;
/// deletes leave tombstones that are traversed but never returned; upserting an existing id replaces its vector.
/// </summary>
public sealed unsafe partial class HnswIndex : IHnswView, IDisposable
{
    /// <summary>The highest level a node can be drawn at.</summary>
    internal const int MaxLevel = 30;

    private const int IdLockStripes = 1024;
    private const int StackResultLimit = 512;

    private readonly NodeStore store;
    private readonly UpperLinkArena arena;
    private readonly HnswGraph<NegatedDot>? innerProductGraph;
    private readonly HnswGraph<SquaredL2>? euclideanGraph;
    private readonly Dictionary<ulong, int> nodesById = [];
    private readonly object mapLock = new();
    private readonly object[] idLocks = new object[IdLockStripes];
    private readonly ReaderWriterLockSlim mutationGate = new(LockRecursionPolicy.NoRecursion);
    private int tombstones;
    private volatile bool disposed;

    /// <summary>Creates an empty index for vectors of <paramref name="dimension"/> floats.</summary>
    public HnswIndex(int dimension, HnswOptions? options = null)
        : this(dimension, options ?? new HnswOptions(), nodeChunkShift: null, arenaChunkShift: null)
    {
    }

    private HnswIndex(int dimension, HnswOptions options, int? nodeChunkShift, int? arenaChunkShift)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, 65536);
        options.Validate();
        Dimension = dimension;
        Options = options;
        store = new NodeStore(dimension, 2 * options.M, options.Layout, nodeChunkShift);
        arena = new UpperLinkArena(options.M, MaxLevel * (options.M + 1), arenaChunkShift);
        if (options.Metric == Metric.InnerProduct)
            innerProductGraph = new HnswGraph<NegatedDot>(store, arena, options, MaxLevel);
        else
            euclideanGraph = new HnswGraph<SquaredL2>(store, arena, options, MaxLevel);
        for (int i = 0; i < idLocks.Length; i++)
            idLocks[i] = new object();
    }

    /// <summary>Floats per vector.</summary>
    public int Dimension { get; }

    /// <summary>The parameters the index was built with.</summary>
    public HnswOptions Options { get; }

    /// <summary>Number of live ids.</summary>
    public int Count
    {
        get
        {
            lock (mapLock)
                return nodesById.Count;
        }
    }

    /// <summary>Number of graph nodes, tombstones included.</summary>
    public int NodeCount => store.NodeCount;

    /// <summary>Number of tombstones (deleted or replaced nodes) still in the graph.</summary>
    public int TombstoneCount => Volatile.Read(ref tombstones);

    /// <summary>Top level of the graph; -1 when empty.</summary>
    public int TopLevel => innerProductGraph?.Entry.Level ?? euclideanGraph!.Entry.Level;

    /// <summary>Bytes held by vectors, links, node metadata and the id map.</summary>
    public long MemoryBytes
    {
        get
        {
            int mapCapacity;
            lock (mapLock)
                mapCapacity = nodesById.EnsureCapacity(0);
            const int bytesPerMapSlot = 24 + sizeof(int);
            return store.AllocatedBytes + arena.AllocatedBytes + (long)mapCapacity * bytesPerMapSlot;
        }
    }

    /// <summary>Inserts or replaces the vector of an id; returns true when it replaced one.</summary>
    public bool Upsert(ulong id, ReadOnlySpan<float> vector)
    {
        VectorGuard.RequireFinite(vector, Dimension);
        ObjectDisposedException.ThrowIf(disposed, this);
        mutationGate.EnterReadLock();
        try
        {
            lock (IdLock(id))
            {
                bool exists;
                int previous;
                lock (mapLock)
                    exists = nodesById.TryGetValue(id, out previous);
                int node = Allocate(id, vector, exists ? NodeState.Pending : NodeState.Live);
                try
                {
                    Connect(node);
                }
                catch
                {
                    store.State(node) = NodeState.Dead;
                    Interlocked.Increment(ref tombstones);
                    throw;
                }
                lock (mapLock)
                {
                    nodesById[id] = node;
                    if (exists)
                    {
                        // The count rises before the switch, so a search that sees the new node also sees it and removes repeats.
                        Interlocked.Increment(ref tombstones);
                        store.State(previous) = NodeState.Dead;
                        store.State(node) = NodeState.Live;
                    }
                }
                return exists;
            }
        }
        finally
        {
            mutationGate.ExitReadLock();
        }
    }

    /// <summary>Upserts row-major vectors under consecutive ids from <paramref name="firstId"/>, on up to <paramref name="maxThreads"/> threads (0 = all cores).</summary>
    public void UpsertRange(ReadOnlyMemory<float> rows, ulong firstId = 0, int maxThreads = 0, IProgress<int>? progress = null)
    {
        if (rows.Length % Dimension != 0)
            throw new ArgumentException($"{rows.Length} floats is not a whole number of {Dimension}-d vectors.", nameof(rows));
        int n = rows.Length / Dimension;
        int done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount };
        Parallel.For(0, n, options, i =>
        {
            Upsert(firstId + (ulong)i, rows.Span.Slice(i * Dimension, Dimension));
            int finished = Interlocked.Increment(ref done);
            if (progress is not null && (finished % 1024 == 0 || finished == n))
                progress.Report(finished);
        });
    }

    /// <summary>Deletes an id; returns false when it was not present.</summary>
    public bool Delete(ulong id)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        mutationGate.EnterReadLock();
        try
        {
            lock (IdLock(id))
            lock (mapLock)
            {
                if (!nodesById.Remove(id, out int node))
                    return false;
                store.State(node) = NodeState.Dead;
                Interlocked.Increment(ref tombstones);
                return true;
            }
        }
        finally
        {
            mutationGate.ExitReadLock();
        }
    }

    /// <summary>True when the id is live in the index.</summary>
    public bool Contains(ulong id)
    {
        lock (mapLock)
            return nodesById.ContainsKey(id);
    }

    /// <summary>Copies the id's vector into <paramref name="destination"/>; false when the id is not live.</summary>
    public bool TryGetVector(ulong id, Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        VectorGuard.RequireDimension(destination, Dimension);
        int node;
        lock (mapLock)
        {
            if (!nodesById.TryGetValue(id, out node))
                return false;
        }
        new ReadOnlySpan<float>(store.Vector(node), Dimension).CopyTo(destination);
        return true;
    }

    /// <summary>The k nearest live vectors, best first, searched with a candidate list of max(ef, k).</summary>
    public SearchHit[] Search(ReadOnlySpan<float> query, int k, int ef)
    {
        var hits = new SearchHit[Math.Min(k, Math.Max(Count, 1))];
        int found = Search(query, k, ef, default(AcceptAll), hits);
        return found == hits.Length ? hits : hits[..found];
    }

    /// <summary>Writes up to min(k, results.Length) nearest live vectors into <paramref name="results"/>, best first; returns how many. Allocates nothing.</summary>
    public int Search(ReadOnlySpan<float> query, int k, int ef, Span<SearchHit> results) =>
        Search(query, k, ef, default(AcceptAll), results);

    /// <summary>Like <see cref="Search(ReadOnlySpan{float}, int, int, Span{SearchHit})"/>, returning only ids the filter accepts; the search keeps going until it has k of them or runs out of candidates.</summary>
    public int Search<TFilter>(ReadOnlySpan<float> query, int k, int ef, TFilter filter, Span<SearchHit> results) where TFilter : struct, IIdFilter
    {
        VectorGuard.RequireFinite(query, Dimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ef, 1);
        ObjectDisposedException.ThrowIf(disposed, this);
        int want = Math.Min(k, results.Length);
        if (want == 0)
            return 0;
        ef = Math.Max(ef, k);
        NodeDistance[]? rented = null;
        Span<NodeDistance> best = ef <= StackResultLimit
            ? stackalloc NodeDistance[ef]
            : (rented = System.Buffers.ArrayPool<NodeDistance>.Shared.Rent(ef)).AsSpan(0, ef);
        try
        {
            int found;
            fixed (float* q = query)
            {
                found = typeof(TFilter) == typeof(AcceptAll)
                    ? SearchGraph(q, ef, default(LiveNodes), best)
                    : SearchGraph(q, ef, new LiveNodesWithId<TFilter>(filter), best);
            }
            int written = 0;
            for (int i = 0; i < found && written < want; i++)
                results[written++] = new SearchHit(store.Id(best[i].Node), MetricDistance.ToScore(best[i].Distance));
            // A search that overlaps the replacement of an id can meet its old node before the switch and its new one after.
            if (Volatile.Read(ref tombstones) > 0 && RepeatedIds.Any(results[..written]))
            {
                written = 0;
                for (int i = 0; i < found && written < want; i++)
                {
                    var hit = new SearchHit(store.Id(best[i].Node), MetricDistance.ToScore(best[i].Distance));
                    if (!RepeatedIds.Contains(results[..written], hit.Id))
                        results[written++] = hit;
                }
            }
            return written;
        }
        finally
        {
            if (rented is not null)
                System.Buffers.ArrayPool<NodeDistance>.Shared.Return(rented);
        }
    }

    /// <summary>Frees the native memory; no call may be running or made afterwards.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        mutationGate.EnterWriteLock();
        try
        {
            disposed = true;
            store.Dispose();
            arena.Dispose();
        }
        finally
        {
            mutationGate.ExitWriteLock();
        }
    }

    private int SearchGraph<TNodeFilter>(float* query, int ef, TNodeFilter filter, Span<NodeDistance> best) where TNodeFilter : struct, INodeFilter =>
        innerProductGraph is not null
            ? innerProductGraph.Search(query, ef, filter, best)
            : euclideanGraph!.Search(query, ef, filter, best);

    private int Allocate(ulong id, ReadOnlySpan<float> vector, NodeState state) =>
        innerProductGraph?.Allocate(id, vector, state) ?? euclideanGraph!.Allocate(id, vector, state);

    private void Connect(int node)
    {
        if (innerProductGraph is not null)
            innerProductGraph.Connect(node);
        else
            euclideanGraph!.Connect(node);
    }

    private object IdLock(ulong id) => idLocks[(int)((id * 0x9E37_79B9_7F4A_7C15UL) >> 54)];
}
