using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Evaluation;
using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>Retrieval over L2-normalised rows held in memory: exact search, and an HNSW index built over the gallery when its ef is given.</summary>
internal static class RowsRetrieval
{
    /// <summary>Evaluates <paramref name="queries"/> against <paramref name="gallery"/> by inner product (cosine).</summary>
    public static RetrievalReport Evaluate(string dataset, LabeledRows queries, LabeledRows gallery, RetrievalSettings settings, HnswOptions indexOptions,
        IProgress<EvaluationProgress> progress, CancellationToken cancellation)
    {
        if (queries.Dimension != gallery.Dimension)
            throw new ArgumentException($"The queries are {queries.Dimension}-d vectors but the gallery holds {gallery.Dimension}-d ones.");
        GalleryRanker? ranker = null;
        HnswIndex? index = null;
        try
        {
            if (settings.HnswEf is not null)
            {
                // Refuse a K or an ef that cannot hold before spending the build on them.
                RankCutoffFit.Apply(settings, gallery.Count);
                index = new HnswIndex(gallery.Dimension, indexOptions with { Metric = Metric.InnerProduct });
                var built = index;
                built.UpsertRange(gallery.Rows, firstId: 0, settings.MaxThreads, new ImmediateProgress<int>(done => progress.Report(new EvaluationProgress("HNSW build", done, gallery.Count))));
                var hits = new SearchHit[settings.Depth + 1];
                ranker = (query, count, ef, ids) =>
                {
                    int found = built.Search(query, count, ef, hits.AsSpan(0, count));
                    for (int i = 0; i < found; i++)
                        ids[i] = gallery.Ids[(int)hits[i].Id];
                    return found;
                };
            }
            return RetrievalEvaluator.Evaluate(dataset, queries, gallery, settings with { Metric = Metric.InnerProduct }, ranker, progress, cancellation);
        }
        finally
        {
            index?.Dispose();
        }
    }
}
