using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Protos;
using AnnRun = ArcFace.VectorDb.Evaluation.Ann.AnnRun;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cluster.Evaluation;

/// <summary>
/// A sharded collection as the evaluation jobs read it, from the silo the job runs on, without gathering its vectors
/// there: retrieval lists ids and labels and reads the queries a shard page at a time (<see cref="ShardedRetrievalRows"/>),
/// the ANN sample is read point by point after a listing of the live ids, exact search (retrieval's ranking, the ANN
/// ground truth) is a scatter-gather of each shard's, and the HNSW side is the fan-out search a query of the API makes.
/// Only <see cref="Read"/> gathers every row (for a collection of given ANN queries). The jobs run on threads of their
/// own, so the shard calls are awaited synchronously.
/// </summary>
internal sealed class ShardedEvaluationTarget(ShardedCollections collections, CollectionSettings settings, IReadOnlyList<ShardStats> shards) : IEvaluationTarget
{
    private ShardedRetrievalRows? retrievalRows;

    /// <inheritdoc />
    public CollectionSettings Settings => settings;

    /// <inheritdoc />
    public int Count { get; } = (int)Math.Min(shards.Sum(shard => shard.Points), int.MaxValue);

    /// <inheritdoc />
    /// <remarks>A drop is not signalled across silos: a job reading a dropped collection fails on its next shard call (NOT_FOUND).</remarks>
    public CancellationToken Dropped => CancellationToken.None;

    /// <inheritdoc />
    public GalleryRanker Ranker => (query, count, ef, ids) =>
    {
        var search = new SearchRequest { Collection = settings.Name, K = (uint)count, Ef = (uint)ef };
        search.Vector.AddRange(query.ToArray());
        var batch = new SearchBatchRequest();
        batch.Searches.Add(search);
        var hits = collections.SearchAsync(settings.Name, batch).GetAwaiter().GetResult()[0].Hits;
        for (int i = 0; i < hits.Count; i++)
            ids[i] = hits[i].Id;
        return hits.Count;
    };

    /// <inheritdoc />
    public LabeledRows Read(CancellationToken cancellation)
    {
        var points = collections.ScanAsync(settings.Name, cancellation).GetAwaiter().GetResult();
        int dim = settings.Dimension;
        var rows = new float[points.Count * dim];
        var labels = new string[points.Count][];
        var ids = new ulong[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            var point = points[i];
            point.Vector.CopyTo(rows, i * dim);
            labels[i] = point.Label.Length == 0 ? [] : [point.Label];
            ids[i] = point.Id;
        }
        return new LabeledRows(rows, dim, labels, ids);
    }

    /// <inheritdoc />
    public IRetrievalGallery RetrievalGallery(CancellationToken cancellation) => RetrievalRows(cancellation);

    /// <inheritdoc />
    public IRetrievalQueries RetrievalQueries(CancellationToken cancellation) => RetrievalRows(cancellation);

    private ShardedRetrievalRows RetrievalRows(CancellationToken cancellation) =>
        retrievalRows ??= ShardedRetrievalRows.Read(collections, settings, shards.Count, cancellation);

    /// <inheritdoc />
    /// <remarks>Lists the live ids of every shard (8 bytes a point), then reads only the sampled points.</remarks>
    public QuerySample Sample(int size, int seed, CancellationToken cancellation)
    {
        var ids = collections.LiveIdsAsync(settings.Name, cancellation).GetAwaiter().GetResult();
        var chosen = Array.ConvertAll(QuerySample.Positions(ids.Length, size, seed), position => ids[position]);
        // In the order asked; a point deleted since the listing is left out.
        var points = collections.GetAsync(settings.Name, chosen, withVectors: true).GetAwaiter().GetResult();
        int dim = settings.Dimension;
        var vectors = new float[points.Count * dim];
        for (int i = 0; i < points.Count; i++)
            points[i].Vector.CopyTo(vectors, i * dim);
        return new QuerySample(vectors, ids.Length);
    }

    /// <inheritdoc />
    public ulong[] ExactTopK(float[] queries, int k, int threads, CancellationToken cancellation)
    {
        int dim = settings.Dimension, queryCount = queries.Length / dim;
        var ids = new ulong[queryCount * k];
        Array.Fill(ids, RecallAtK.Missing);
        for (int first = 0; first < queryCount; first += ShardExactSearch.QueriesPerCall)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = Math.Min(ShardExactSearch.QueriesPerCall, queryCount - first);
            var answers = ShardExactSearch.Run(collections, settings.Name, queries.AsSpan(first * dim, count * dim), dim, k);
            for (int i = 0; i < answers.Count; i++)
            {
                for (int j = 0; j < answers[i].Hits.Count; j++)
                    ids[(first + i) * k + j] = answers[i].Hits[j].Id;
            }
        }
        return ids;
    }

    /// <inheritdoc />
    public AnnRun Sweep(float[] queries, int queryCount, ulong[] truth, int k, int ef, ulong[] found) =>
        AnnSweep.Run(Ranker, settings.Dimension, queries, queryCount, truth, k, k, ef, found, warmUpTime: TimeSpan.Zero);

    /// <inheritdoc />
    public AnnReport Describe(int vectors, int queries, int k, string groundTruth, IReadOnlyList<AnnRun> runs)
    {
        var options = settings.IndexOptions();
        long indexBytes = shards.Sum(shard => shard.IndexMemoryBytes);
        return new AnnReport
        {
            Dataset = $"collection {settings.Name}", N = vectors, Dim = settings.Dimension, Queries = queries, K = k, M = options.M, EfConstruction = options.EfConstruction,
            Metric = MetricNames.Of(settings.Metric), Layout = options.Layout.ToString(), LinkStrandedNodes = options.LinkStrandedNodes, Threads = 1, BuildSeconds = null,
            LoadedFrom = $"{shards.Count} shards of a cluster (HNSW search fanned out to all of them and merged)", IndexBytes = indexBytes,
            Quantization = settings.Quantization.Name(),
            Oversampling = settings.Quantization == VectorQuantization.None ? null : Core.Hnsw.HnswIndex.DefaultOversampling(settings.Quantization),
            RerankBytes = shards.Sum(shard => shard.RerankBytes), MemoryRatio = IndexMemory.Ratio(indexBytes, vectors, settings.Dimension, options.M),
            GroundTruth = $"{groundTruth} (exact search of every shard, merged)", Graph = null, Runs = runs,
        };
    }
}
