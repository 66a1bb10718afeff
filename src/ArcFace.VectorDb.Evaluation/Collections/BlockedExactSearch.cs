using ArcFace.VectorDb.Core.Flat;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Collections;

/// <summary>
/// Exact (flat) top k over a collection's live records, read a block at a time and merged, so memory is one block and the
/// running top k whatever the collection's size (a cluster shard answers the evaluations' exact searches this way).
/// </summary>
public static class BlockedExactSearch
{
    /// <summary>Records per block: 128 MiB of 512-d float32 vectors.</summary>
    public const int DefaultBlockRows = 65_536;

    /// <summary>Each query's best <paramref name="k"/> hits over the live records, best first (ties by the lower id).</summary>
    public static SearchHit[][] Run(VectorCollection collection, float[] queries, int k, int threads, int blockRows = DefaultBlockRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        int dim = collection.Settings.Dimension, queryCount = queries.Length / dim;
        var metric = collection.Settings.Metric.IndexMetric();
        var best = new SearchHit[queryCount][];
        Array.Fill(best, []);
        var rows = new float[Math.Min(blockRows, Math.Max(collection.Count, 1)) * dim];
        var ids = new ulong[rows.Length / dim];
        int filled = 0;
        void Flush()
        {
            var block = FlatIndex.Over(filled == ids.Length ? rows : rows[..(filled * dim)], filled == ids.Length ? ids : ids[..filled], dim, metric);
            var found = block.SearchBatch(queries, k, threads);
            for (int q = 0; q < queryCount; q++)
                best[q] = Merge(best[q], found[q], k);
            filled = 0;
        }
        foreach (var record in collection.Scan())
        {
            if (filled == ids.Length)
                Flush();
            record.Vector.CopyTo(rows.AsSpan(filled * dim, dim));
            ids[filled++] = record.Id;
        }
        if (filled > 0)
            Flush();
        return best;
    }

    private static SearchHit[] Merge(SearchHit[] kept, SearchHit[] found, int k) =>
        kept.Length == 0 ? found : [.. kept.Concat(found).OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Id).Take(k)];
}
