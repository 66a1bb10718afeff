using System.Runtime.InteropServices;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Flat;

/// <summary>Exact k-NN by scanning every vector: the ground truth for every recall figure in the project.</summary>
public sealed unsafe class FlatIndex
{
    private const int QueryGroup = 64;
    private const int TileBytes = 256 * 1024;

    private float[] vectors = new float[1024];
    private ulong[] ids = new ulong[16];

    /// <summary>Creates an empty index for vectors of the given dimension.</summary>
    public FlatIndex(int dimension, Metric metric = Metric.InnerProduct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        Metric = metric;
    }

    /// <summary>
    /// An index over row-major <paramref name="rows"/> under <paramref name="ids"/>, searched in place rather than
    /// copied; the caller must not change the arrays while the index is in use (a later Add copies them first).
    /// </summary>
    public static FlatIndex Over(float[] rows, ulong[] ids, int dimension, Metric metric = Metric.InnerProduct)
    {
        var index = new FlatIndex(dimension, metric);
        if (rows.Length != (long)ids.Length * dimension)
            throw new ArgumentException($"{rows.Length} floats are not {ids.Length} vectors of {dimension}.", nameof(rows));
        index.vectors = rows;
        index.ids = ids;
        index.Count = ids.Length;
        return index;
    }

    /// <summary>Number of components in every vector.</summary>
    public int Dimension { get; }

    /// <summary>The comparison used for scores.</summary>
    public Metric Metric { get; }

    /// <summary>Number of vectors held.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a vector under an id (ids are not checked for uniqueness).</summary>
    public void Add(ulong id, ReadOnlySpan<float> vector)
    {
        VectorGuard.RequireDimension(vector, Dimension);
        EnsureCapacity(Count + 1);
        vector.CopyTo(vectors.AsSpan(Count * Dimension, Dimension));
        ids[Count++] = id;
    }

    /// <summary>Appends row-major vectors with consecutive ids starting at <paramref name="firstId"/>.</summary>
    public void AddRange(ReadOnlySpan<float> rows, ulong firstId = 0)
    {
        if (rows.Length % Dimension != 0)
            throw new ArgumentException($"{rows.Length} floats is not a whole number of {Dimension}-d vectors.", nameof(rows));
        int n = rows.Length / Dimension;
        EnsureCapacity(Count + n);
        rows.CopyTo(vectors.AsSpan(Count * Dimension));
        for (int i = 0; i < n; i++)
            ids[Count + i] = firstId + (ulong)i;
        Count += n;
    }

    /// <summary>Returns the k best vectors for one query, best first.</summary>
    public SearchHit[] Search(ReadOnlySpan<float> query, int k)
    {
        VectorGuard.RequireDimension(query, Dimension);
        return SearchBatch(query, k, maxThreads: 1)[0];
    }

    /// <summary>Returns the k best vectors for each row-major query, best first, using up to <paramref name="maxThreads"/> threads (0 = all cores).</summary>
    public SearchHit[][] SearchBatch(ReadOnlySpan<float> queries, int k, int maxThreads = 0)
    {
        if (queries.Length % Dimension != 0)
            throw new ArgumentException($"{queries.Length} floats is not a whole number of {Dimension}-d queries.", nameof(queries));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int queryCount = queries.Length / Dimension;
        var results = new SearchHit[queryCount][];
        var queryCopy = queries.ToArray();
        int groups = (queryCount + QueryGroup - 1) / QueryGroup;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount };
        Parallel.For(0, groups, options, g =>
        {
            int first = g * QueryGroup;
            int count = Math.Min(QueryGroup, queryCount - first);
            SearchGroup(queryCopy.AsSpan(first * Dimension, count * Dimension), count, k, results.AsSpan(first, count));
        });
        return results;
    }

    private void SearchGroup(ReadOnlySpan<float> queries, int count, int k, Span<SearchHit[]> results)
    {
        int keep = Math.Min(k, Count);
        var heaps = new DistanceHeap<FurthestFirst>[count];
        for (int q = 0; q < count; q++)
            heaps[q] = new DistanceHeap<FurthestFirst>(keep + 1);
        int tile = Math.Max(1, TileBytes / (Dimension * sizeof(float)));
        float* four = stackalloc float[4];
        fixed (float* qBase = queries)
        fixed (float* xBase = vectors)
        {
            for (int start = 0; start < Count; start += tile)
            {
                int end = Math.Min(Count, start + tile);
                // Four queries at a time; a last group of fewer repeats its last query in the spare lanes, so every
                // distance comes from the same four-wide arithmetic and a query's hits do not depend on its batch.
                for (int q = 0; q < count; q += 4)
                {
                    int lanes = Math.Min(4, count - q);
                    float* q0 = qBase + q * Dimension;
                    float* q1 = qBase + (q + Math.Min(1, lanes - 1)) * Dimension;
                    float* q2 = qBase + (q + Math.Min(2, lanes - 1)) * Dimension;
                    float* q3 = qBase + (q + Math.Min(3, lanes - 1)) * Dimension;
                    for (int x = start; x < end; x++)
                    {
                        float* xv = xBase + (long)x * Dimension;
                        if (Metric == Metric.InnerProduct)
                            NegatedDot.ComputeFour(xv, q0, q1, q2, q3, Dimension, four);
                        else
                            SquaredL2.ComputeFour(xv, q0, q1, q2, q3, Dimension, four);
                        for (int j = 0; j < lanes; j++)
                            Offer(heaps[q + j], keep, four[j], x);
                    }
                }
            }
        }
        var ordered = new NodeDistance[keep];
        for (int q = 0; q < count; q++)
        {
            int n = heaps[q].DrainBottomFirst(ordered);
            var hits = new SearchHit[n];
            for (int i = 0; i < n; i++)
                hits[i] = new SearchHit(ids[ordered[i].Node], MetricDistance.ToScore(ordered[i].Distance));
            results[q] = hits;
        }
    }

    private static void Offer(DistanceHeap<FurthestFirst> heap, int keep, float distance, int node)
    {
        if (heap.Count < keep)
            heap.Push(distance, node);
        else if (distance < heap.Top.Distance)
            heap.ReplaceTop(distance, node);
    }

    private void EnsureCapacity(int count)
    {
        if (ids.Length < count)
            Array.Resize(ref ids, Math.Max(count, ids.Length * 2));
        long floats = (long)count * Dimension;
        if (floats > Array.MaxLength)
            throw new InvalidOperationException($"A flat index holds at most {Array.MaxLength / Dimension} vectors of dimension {Dimension}.");
        if (vectors.Length < floats)
            Array.Resize(ref vectors, (int)Math.Min(Array.MaxLength, Math.Max(floats, vectors.Length * 2L)));
    }
}
