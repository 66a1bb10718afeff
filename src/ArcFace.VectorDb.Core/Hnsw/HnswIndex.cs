using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// An HNSW index of float32 vectors under 64-bit ids. Inserts may run in parallel with each other and with searches;
/// deletes leave tombstones that are traversed but never returned; upserting an existing id replaces its vector.
/// A quantised index builds and searches its graph on int8 or 1-bit codes and re-ranks the best candidates with the
/// exact vectors, kept in a file outside its memory (<see cref="ExactVectorLocation"/>).
/// </summary>
public sealed unsafe partial class HnswIndex : IHnswView, IDisposable
{
    /// <summary>The highest level a node can be drawn at.</summary>
    internal const int MaxLevel = 30;

    /// <summary>
    /// Candidates re-ranked per result when a query names no oversampling: the best ⌈f·k⌉ by code distance are
    /// re-scored exactly. Measured (docs/bench/quantization): int8 codes rank well enough that 2 gives the best
    /// recall–QPS curve on both data sets (1 tops out at recall 0.93 on Fashion-MNIST, 4 only slows the low-ef end);
    /// 1-bit codes rank coarsely and want 4.
    /// </summary>
    public static float DefaultOversampling(VectorQuantization quantization) => quantization == VectorQuantization.Binary ? 4f : 2f;

    /// <summary>Largest oversampling a query may ask for.</summary>
    public const float MaxOversampling = 100f;

    private const int IdLockStripes = 1024;
    private const int StackResultLimit = 512;
    private const int StackCodeLimit = 4096;

    /// <summary>Candidates whose exact rows are requested ahead of the one being re-scored.</summary>
    private const int RerankPrefetchAhead = 4;

    private readonly NodeStore store;
    private readonly UpperLinkArena arena;
    private readonly IHnswGraph graph;
    private readonly CodeEncoder encoder;
    private readonly ExactVectorFile? exact;
    private readonly object trainLock = new();
    private readonly Dictionary<ulong, int> nodesById = [];
    private readonly object mapLock = new();
    private readonly object[] idLocks = new object[IdLockStripes];
    private readonly ReaderWriterLockSlim mutationGate = new(LockRecursionPolicy.NoRecursion);
    private int tombstones;
    private volatile bool disposed;

    /// <summary>
    /// Creates an empty index for vectors of <paramref name="dimension"/> floats. A quantised one keeps its exact
    /// vectors at <paramref name="exactVectors"/> (a temporary file when null); an existing file there must be of the
    /// same quantisation, and what its encoder learned is reused.
    /// </summary>
    public HnswIndex(int dimension, HnswOptions? options = null, ExactVectorLocation? exactVectors = null)
        : this(dimension, Checked(dimension, options ?? new HnswOptions()), nodeChunkShift: null, arenaChunkShift: null, exactVectors, parameters: null, loadedNodes: 0)
    {
    }

    private HnswIndex(int dimension, HnswOptions options, int? nodeChunkShift, int? arenaChunkShift, ExactVectorLocation? exactVectors, byte[]? parameters, int loadedNodes)
    {
        Dimension = dimension;
        Options = options;
        if (options.Quantization != VectorQuantization.None)
        {
            exact = ExactVectorFile.Open(exactVectors, options.Quantization, options.Metric, dimension, loadedNodes);
            parameters ??= exact.Parameters;
        }
        try
        {
            encoder = CodeEncoder.Create(options.Quantization, options.Metric, dimension, parameters);
        }
        catch
        {
            exact?.Dispose();
            throw;
        }
        store = new NodeStore(encoder.CodeBytes, 2 * options.M, options.Layout, nodeChunkShift);
        arena = new UpperLinkArena(options.M, MaxLevel * (options.M + 1), arenaChunkShift);
        graph = CreateGraph(options, dimension);
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
    public int TopLevel => graph.Entry.Level;

    /// <summary>How the nodes hold their vectors.</summary>
    public VectorQuantization Quantization => Options.Quantization;

    /// <summary>False while a quantised index has not learned its codes yet (it learns from the first vectors it is given).</summary>
    public bool IsTrained => encoder.IsTrained;

    /// <summary>Bytes of the exact-vector file a quantised index re-ranks with (0 without quantisation): header and one row per node.</summary>
    public long ExactVectorBytes => exact?.BytesFor(store.NodeCount) ?? 0;

    /// <summary>Bytes held in memory by codes (or float vectors), links, node metadata and the id map.</summary>
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

    /// <summary>
    /// Teaches a quantised index its codes from row-major sample vectors, unless it has learned them already (then
    /// nothing changes). Without it, the first upsert teaches the index from its own vector: give a sample first.
    /// </summary>
    public void Train(ReadOnlySpan<float> rows)
    {
        if (rows.Length == 0 || rows.Length % Dimension != 0)
            throw new ArgumentException($"{rows.Length} floats is not a positive whole number of {Dimension}-d vectors.", nameof(rows));
        ObjectDisposedException.ThrowIf(disposed, this);
        if (encoder.IsTrained)
            return;
        for (int i = 0; i < rows.Length; i++)
        {
            if (!float.IsFinite(rows[i]))
                throw new ArgumentException($"component {i % Dimension} of sample row {i / Dimension} is {rows[i]}; vectors must be finite.", nameof(rows));
        }
        lock (trainLock)
        {
            if (encoder.IsTrained)
                return;
            encoder.Train(rows);
            exact?.WriteParameters(encoder.Parameters());
        }
    }

    /// <summary>Inserts or replaces the vector of an id; returns true when it replaced one.</summary>
    public bool Upsert(ulong id, ReadOnlySpan<float> vector)
    {
        VectorGuard.RequireFinite(vector, Dimension);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!encoder.IsTrained)
            Train(vector);
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
        if (n > 0 && !encoder.IsTrained)
            Train(rows.Span[..(Math.Min(n, TrainingSampleRows) * Dimension)]);
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
        new ReadOnlySpan<float>(ExactVector(node), Dimension).CopyTo(destination);
        return true;
    }

    /// <summary>The k nearest live vectors, best first, searched with a candidate list of max(ef, k).</summary>
    public SearchHit[] Search(ReadOnlySpan<float> query, int k, int ef)
    {
        var hits = new SearchHit[Math.Min(k, Math.Max(Count, 1))];
        int found = Search(query, k, ef, default(AcceptAll), hits);
        return found == hits.Length ? hits : hits[..found];
    }

    /// <summary>
    /// Writes up to min(k, results.Length) nearest live vectors into <paramref name="results"/>, best first; returns
    /// how many. A quantised index re-ranks the best ⌈oversampling·k⌉ candidates (default <see cref="DefaultOversampling"/>)
    /// exactly. Allocates nothing.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, int k, int ef, Span<SearchHit> results, float? oversampling = null) =>
        Search(query, k, ef, default(AcceptAll), results, oversampling);

    /// <summary>Like <see cref="Search(ReadOnlySpan{float}, int, int, Span{SearchHit}, float?)"/>, returning only ids the filter accepts; the search keeps going until it has k of them or runs out of candidates.</summary>
    public int Search<TFilter>(ReadOnlySpan<float> query, int k, int ef, TFilter filter, Span<SearchHit> results, float? oversampling = null) where TFilter : struct, IIdFilter
    {
        VectorGuard.RequireFinite(query, Dimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ef, 1);
        if (oversampling is { } factor && !(factor >= 1f && factor <= MaxOversampling))
            throw new ArgumentOutOfRangeException(nameof(oversampling), oversampling, $"oversampling must be between 1 and {MaxOversampling}.");
        ObjectDisposedException.ThrowIf(disposed, this);
        int want = Math.Min(k, results.Length);
        if (want == 0 || !encoder.IsTrained)
            return 0;
        int reranked = exact is null ? k : (int)Math.Min(int.MaxValue, Math.Ceiling((double)(oversampling ?? DefaultOversampling(Quantization)) * k));
        ef = Math.Max(ef, reranked);
        NodeDistance[]? rented = null;
        Span<NodeDistance> best = ef <= StackResultLimit
            ? stackalloc NodeDistance[ef]
            : (rented = System.Buffers.ArrayPool<NodeDistance>.Shared.Rent(ef)).AsSpan(0, ef);
        byte[]? rentedCode = null;
        Span<byte> code = exact is null ? default
            : encoder.CodeBytes <= StackCodeLimit ? stackalloc byte[encoder.CodeBytes]
            : (rentedCode = System.Buffers.ArrayPool<byte>.Shared.Rent(encoder.CodeBytes)).AsSpan(0, encoder.CodeBytes);
        try
        {
            int found;
            fixed (float* q = query)
            fixed (byte* c = code)
            {
                byte* start = (byte*)q;
                if (exact is not null)
                {
                    encoder.Encode(query, code);
                    start = c;
                }
                found = typeof(TFilter) == typeof(AcceptAll)
                    ? graph.SearchLive(start, ef, best)
                    : graph.Search(start, ef, new LiveNodesWithId<TFilter>(filter), best);
                if (exact is not null)
                    found = Rerank(q, best[..Math.Min(found, reranked)]);
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
            if (rentedCode is not null)
                System.Buffers.ArrayPool<byte>.Shared.Return(rentedCode);
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
            exact?.Dispose();
        }
        finally
        {
            mutationGate.ExitWriteLock();
        }
    }

    /// <summary>Re-scores candidates with their exact vectors and sorts them by it; returns how many there are.</summary>
    private int Rerank(float* query, Span<NodeDistance> candidates)
    {
        for (int i = 0; i < candidates.Length && i < RerankPrefetchAhead; i++)
            PrefetchExactRow(candidates[i].Node);
        for (int i = 0; i < candidates.Length; i++)
        {
            if (i + RerankPrefetchAhead < candidates.Length)
                PrefetchExactRow(candidates[i + RerankPrefetchAhead].Node);
            int node = candidates[i].Node;
            candidates[i] = new NodeDistance(MetricDistance.Compute(Options.Metric, query, exact!.Row(node), Dimension), node);
        }
        candidates.Sort(default(NodeDistanceOrder));
        return candidates.Length;
    }

    /// <summary>Asks for every cache line of a node's exact row, so that the rows being re-ranked arrive in parallel.</summary>
    private void PrefetchExactRow(int node)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported)
            return;
        byte* row = (byte*)exact!.Row(node);
        for (int offset = 0; offset < Dimension * sizeof(float); offset += 64)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + offset);
    }

    /// <summary>The exact vector of a node: in the exact-vector file of a quantised index, else the node's own code.</summary>
    private float* ExactVector(int node) => exact is not null ? exact.Row(node) : (float*)store.Code(node);

    /// <summary>Codes the vector, stores a node for it and, in a quantised index, its exact row.</summary>
    private int Allocate(ulong id, ReadOnlySpan<float> vector, NodeState state)
    {
        byte[]? rented = null;
        Span<byte> code = encoder.CodeBytes <= StackCodeLimit
            ? stackalloc byte[encoder.CodeBytes]
            : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(encoder.CodeBytes)).AsSpan(0, encoder.CodeBytes);
        try
        {
            encoder.Encode(vector, code);
            int node = graph.Allocate(id, code, state);
            try
            {
                exact?.Write(node, vector);
            }
            catch
            {
                // Never linked, never in the id map: a tombstone, so that no snapshot counts it live.
                store.State(node) = NodeState.Dead;
                Interlocked.Increment(ref tombstones);
                throw;
            }
            return node;
        }
        finally
        {
            if (rented is not null)
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Connect(int node) => graph.Connect(node);

    private IHnswGraph CreateGraph(HnswOptions options, int dimension) => (options.Quantization, options.Metric) switch
    {
        (VectorQuantization.None, Metric.InnerProduct) => new HnswGraph<FloatDotCodes>(store, arena, options, dimension, MaxLevel),
        (VectorQuantization.None, _) => new HnswGraph<FloatL2Codes>(store, arena, options, dimension, MaxLevel),
        (VectorQuantization.Int8, Metric.InnerProduct) => new HnswGraph<Int8DotCodes>(store, arena, options, dimension, MaxLevel),
        (VectorQuantization.Int8, _) => new HnswGraph<Int8L2Codes>(store, arena, options, dimension, MaxLevel),
        _ => new HnswGraph<HammingCodes>(store, arena, options, dimension, MaxLevel),
    };

    private static HnswOptions Checked(int dimension, HnswOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, 65536);
        options.Validate();
        return options;
    }

    /// <summary>Rows a bulk insert trains a quantised index on (the first ones of the range).</summary>
    private const int TrainingSampleRows = 4096;

    private object IdLock(ulong id) => idLocks[(int)((id * 0x9E37_79B9_7F4A_7C15UL) >> 54)];
}
