using System.Diagnostics;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Evaluation.Ann;

/// <summary>Runs every query one at a time on the calling thread for each ef, timing each search.</summary>
public static class AnnSweep
{
    /// <summary>Fewest untimed queries before the timed pass.</summary>
    public const int WarmUpQueries = 200;

    /// <summary>Shortest untimed warm-up of the first sweep of a kind of index in a process: tiered compilation promotes hot methods in the background after about 100 ms.</summary>
    public static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(1);

    /// <summary>The kinds of index (metric and layout: each has its own compiled search code) already warmed up in this process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Core.Distance.Metric, HnswLayout, Core.Quantization.VectorQuantization), bool> WarmedUp = new();

    /// <summary>
    /// Measures recall@k against <paramref name="groundTruth"/> (row q: exact ids of query q, best first, at least k of them),
    /// QPS and p50/p99 latency for one ef. A warm-up of at least <see cref="WarmUpQueries"/> queries runs untimed first, for at
    /// least <see cref="WarmUpTime"/> the first time a kind of index is swept in the process, so the JIT has reached its optimised tier before the clock starts. When <paramref name="found"/> is given (queryCount·k
    /// slots) it receives the result ids, ulong.MaxValue where a query found fewer than k.
    /// </summary>
    public static AnnRun Run(IHnswView index, ReadOnlySpan<float> queries, int queryCount, ReadOnlySpan<int> groundTruth, int truthWidth, int k, int ef, ulong[]? found = null, float? oversampling = null)
    {
        var ids = new ulong[groundTruth.Length];
        RecallAtK.TruthIds(groundTruth, ids);
        return Run(index, queries, queryCount, ids, truthWidth, k, ef, found, oversampling);
    }

    /// <summary>As the overload over row indices, with ground truth given as ids (<see cref="RecallAtK.Missing"/> = none), as a collection's ids are.</summary>
    public static AnnRun Run(IHnswView index, ReadOnlySpan<float> queries, int queryCount, ReadOnlySpan<ulong> groundTruth, int truthWidth, int k, int ef, ulong[]? found = null, float? oversampling = null)
    {
        var options = index.Options;
        var kind = (options.Metric, options.Layout, options.Quantization);
        var hits = new SearchHit[k];
        var run = Run((query, count, beam, ids) =>
        {
            int n = index.Search(query, count, beam, hits, oversampling);
            for (int i = 0; i < n; i++)
                ids[i] = hits[i].Id;
            return n;
        }, index.Dimension, queries, queryCount, groundTruth, truthWidth, k, ef, found, WarmedUp.ContainsKey(kind) ? TimeSpan.Zero : WarmUpTime);
        WarmedUp[kind] = true;
        return run;
    }

    /// <summary>
    /// As the overloads over an index, for any search (a cluster's fan-out, say): <paramref name="search"/> writes up to k
    /// ids, best first, and returns how many; the warm-up runs at least <see cref="WarmUpQueries"/> queries and <paramref name="warmUpTime"/>.
    /// </summary>
    public static AnnRun Run(GalleryRanker search, int dim, ReadOnlySpan<float> queries, int queryCount, ReadOnlySpan<ulong> groundTruth, int truthWidth, int k, int ef, ulong[]? found, TimeSpan warmUpTime)
    {
        if (truthWidth < k)
            throw new ArgumentException($"The ground truth holds {truthWidth} neighbours per query; recall@{k} needs at least {k}.", nameof(truthWidth));
        found ??= new ulong[queryCount * k];
        if (found.Length < queryCount * k)
            throw new ArgumentException($"{found.Length} result slots are fewer than {queryCount} queries × {k}.", nameof(found));
        var latencies = new double[queryCount];
        var scratch = new ulong[k];
        long warmUpStart = Stopwatch.GetTimestamp();
        for (int q = 0; queryCount > 0 && (q < WarmUpQueries || Stopwatch.GetElapsedTime(warmUpStart) < warmUpTime); q++)
            search(queries.Slice(q % queryCount * dim, dim), k, ef, scratch);

        long start = Stopwatch.GetTimestamp();
        for (int q = 0; q < queryCount; q++)
        {
            var ids = found.AsSpan(q * k, k);
            long before = Stopwatch.GetTimestamp();
            int n = search(queries.Slice(q * dim, dim), k, ef, ids);
            long after = Stopwatch.GetTimestamp();
            latencies[q] = (after - before) * 1e6 / Stopwatch.Frequency;
            ids[n..].Fill(RecallAtK.Missing);
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        double recall = 0;
        for (int q = 0; q < queryCount; q++)
            recall += RecallAtK.OfQuery(found.AsSpan(q * k, k), groundTruth.Slice(q * truthWidth, k));
        return new AnnRun(ef, recall / queryCount, queryCount / seconds,
            LatencyPercentiles.Of(latencies, 50), LatencyPercentiles.Of(latencies, 99));
    }
}
