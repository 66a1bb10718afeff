using ArcFace.VectorDb.Core.Flat;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Collections;

/// <summary>
/// A collection of this process as the evaluations read it: rows scanned from it, exact search over them in memory, its
/// own HNSW index. The rows are scanned once, when first needed, and every read of this target shares them.
/// </summary>
public sealed class LocalEvaluationTarget(VectorCollection collection) : IEvaluationTarget
{
    private LabeledRows? scanned;

    /// <summary>The collection read.</summary>
    public VectorCollection Collection => collection;

    /// <inheritdoc />
    public CollectionSettings Settings => collection.Settings;

    /// <inheritdoc />
    public int Count => collection.Count;

    /// <inheritdoc />
    public CancellationToken Dropped => collection.Dropped;

    /// <inheritdoc />
    public GalleryRanker Ranker => CollectionRows.Ranker(collection);

    /// <inheritdoc />
    public LabeledRows Read(CancellationToken cancellation) => scanned ??= CollectionRows.Read(collection, cancellation);

    /// <inheritdoc />
    public IRetrievalGallery RetrievalGallery(CancellationToken cancellation) => new LabeledRowsGallery(Read(cancellation), Settings.Metric.IndexMetric());

    /// <inheritdoc />
    public IRetrievalQueries RetrievalQueries(CancellationToken cancellation) => new LabeledRowsQueries(Read(cancellation));

    /// <inheritdoc />
    public QuerySample Sample(int size, int seed, CancellationToken cancellation)
    {
        var rows = Read(cancellation);
        int dim = rows.Dimension;
        var positions = QuerySample.Positions(rows.Count, size, seed);
        var vectors = new float[positions.Length * dim];
        for (int i = 0; i < positions.Length; i++)
            rows.Rows.AsSpan(positions[i] * dim, dim).CopyTo(vectors.AsSpan(i * dim));
        return new QuerySample(vectors, rows.Count);
    }

    /// <inheritdoc />
    public ulong[] ExactTopK(float[] queries, int k, int threads, CancellationToken cancellation)
    {
        var hits = Exact(Read(cancellation), Settings, queries, k, threads);
        var ids = new ulong[hits.Length * k];
        for (int q = 0; q < hits.Length; q++)
        {
            for (int i = 0; i < k; i++)
                ids[q * k + i] = i < hits[q].Length ? hits[q][i].Id : RecallAtK.Missing;
        }
        return ids;
    }

    /// <summary>Exact (flat) search of <paramref name="queries"/> over <paramref name="rows"/> of a collection with <paramref name="settings"/>: each query's best <paramref name="k"/> hits, best first.</summary>
    public static SearchHit[][] Exact(LabeledRows rows, CollectionSettings settings, ReadOnlySpan<float> queries, int k, int threads) =>
        FlatIndex.Over(rows.Rows, rows.Ids, settings.Dimension, settings.Metric.IndexMetric()).SearchBatch(queries, k, threads);

    /// <inheritdoc />
    public AnnRun Sweep(float[] queries, int queryCount, ulong[] truth, int k, int ef, ulong[] found) =>
        AnnSweep.Run(collection.IndexView, queries, queryCount, truth, k, k, ef, found);

    /// <inheritdoc />
    public AnnReport Describe(int vectors, int queries, int k, string groundTruth, IReadOnlyList<AnnRun> runs) =>
        AnnReport.Describe(collection.IndexView, vectors, $"collection {Settings.Name}", queries, k, threads: 1, buildSeconds: null,
            loadedFrom: collection.Directory, groundTruth, runs) with { Metric = MetricNames.Of(Settings.Metric) };
}
