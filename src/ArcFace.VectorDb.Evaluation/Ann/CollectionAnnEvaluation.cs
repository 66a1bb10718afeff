using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Ann;

/// <summary>
/// Recall@k of a collection's HNSW index against exact search over the same collection, with QPS and latency per ef:
/// the queries are a seeded sample of its stored vectors, or vectors the caller gives.
/// </summary>
public static class CollectionAnnEvaluation
{
    /// <summary>Runs the sweep; <paramref name="queries"/> (of the collection's dimension) replace the sample when given.</summary>
    public static AnnReport Run(VectorCollection collection, CollectionAnnSettings settings, VectorSet? queries = null,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellation = default) =>
        Run(new LocalEvaluationTarget(collection), settings, queries, progress, cancellation);

    /// <summary>As above, over any collection the evaluations read (one of this node, or a cluster's sharded one).</summary>
    public static AnnReport Run(IEvaluationTarget collection, CollectionAnnSettings settings, VectorSet? queries = null,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellation = default)
    {
        var collectionSettings = collection.Settings;
        int dim = collectionSettings.Dimension;
        if (settings.Efs.Count == 0)
            throw new ArgumentException("Give at least one ef to sweep.");
        if (settings.Efs.Any(ef => ef < settings.K))
            throw new ArgumentException($"Every ef must be at least k = {settings.K}; got {string.Join(",", settings.Efs)}.");
        if (queries is not null && queries.Dimension != dim)
            throw new ArgumentException($"The queries are {queries.Dimension}-d but collection '{collectionSettings.Name}' holds {dim}-d vectors.");
        if (queries is { Count: 0 })
            throw new ArgumentException("There are no queries.");
        // Only the sampled vectors are read: the exact search runs where the records are.
        var sample = queries is null ? collection.Sample(settings.Sample, settings.Seed, cancellation) : null;
        int live = sample?.Live ?? collection.Count;
        if (settings.K < 1 || settings.K > live)
            throw new ArgumentException($"k = {settings.K} must be 1..{live}, the number of vectors in collection '{collectionSettings.Name}'.");
        string source = queries is null ? $"a sample of the stored vectors (seed {settings.Seed})" : "the given vectors";
        float[] queryRows = queries?.Data ?? sample!.Vectors;
        int queryCount = queryRows.Length / dim;

        progress?.Report(new EvaluationProgress("exact ground truth", 0, queryCount));
        cancellation.ThrowIfCancellationRequested();
        var truth = collection.ExactTopK(queryRows, settings.K, settings.MaxThreads, cancellation);
        progress?.Report(new EvaluationProgress("exact ground truth", queryCount, queryCount));

        var runs = new List<AnnRun>();
        var found = new ulong[queryCount * settings.K];
        for (int e = 0; e < settings.Efs.Count; e++)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new EvaluationProgress($"HNSW sweep, ef={settings.Efs[e]}", e, settings.Efs.Count));
            runs.Add(collection.Sweep(queryRows, queryCount, truth, settings.K, settings.Efs[e], found));
        }
        progress?.Report(new EvaluationProgress("HNSW sweep", settings.Efs.Count, settings.Efs.Count));

        return collection.Describe(live, queryCount, settings.K, $"exact search over the collection; queries: {source}", runs);
    }
}
