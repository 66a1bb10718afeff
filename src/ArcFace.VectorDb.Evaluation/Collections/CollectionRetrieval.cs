using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Collections;

/// <summary>Retrieval metrics with a collection as the gallery: queries from another collection, or leave-one-out over the gallery itself.</summary>
public static class CollectionRetrieval
{
    /// <summary>
    /// Evaluates <paramref name="queries"/> (or, when null, every gallery record against the others) by exact search over
    /// the gallery's records, and by its HNSW index too when <see cref="RetrievalSettings.HnswEf"/> is set.
    /// </summary>
    public static RetrievalReport Evaluate(VectorCollection gallery, VectorCollection? queries, RetrievalSettings settings,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellation = default) =>
        Evaluate(new LocalEvaluationTarget(gallery), queries is null ? null : new LocalEvaluationTarget(queries), settings, progress, cancellation);

    /// <summary>As above, over any collections the evaluations read (of this node, or a cluster's sharded ones).</summary>
    public static RetrievalReport Evaluate(IEvaluationTarget gallery, IEvaluationTarget? queries, RetrievalSettings settings,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (queries is not null && queries.Settings.Dimension != gallery.Settings.Dimension)
            throw new ArgumentException($"Collection '{queries.Settings.Name}' holds {queries.Settings.Dimension}-d vectors but the gallery '{gallery.Settings.Name}' holds {gallery.Settings.Dimension}-d ones.");
        var adjusted = settings with { LeaveOneOut = queries is null, Metric = gallery.Settings.Metric.IndexMetric() };
        string dataset = queries is null ? $"collection {gallery.Settings.Name}, leave-one-out" : $"collection {queries.Settings.Name} against {gallery.Settings.Name}";
        return RetrievalEvaluator.Evaluate(dataset, (queries ?? gallery).RetrievalQueries(cancellation), gallery.RetrievalGallery(cancellation), adjusted, gallery.Ranker, progress, cancellation);
    }

    /// <summary>Evaluates query rows made elsewhere (images embedded for the evaluation, say) against the gallery collection, as above.</summary>
    public static RetrievalReport Evaluate(VectorCollection gallery, string dataset, LabeledRows queries, RetrievalSettings settings,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (queries.Dimension != gallery.Settings.Dimension)
            throw new ArgumentException($"The queries are {queries.Dimension}-d vectors but the gallery '{gallery.Settings.Name}' holds {gallery.Settings.Dimension}-d ones.");
        var adjusted = settings with { LeaveOneOut = false, Metric = gallery.Settings.Metric.IndexMetric() };
        return RetrievalEvaluator.Evaluate(dataset, queries, CollectionRows.Read(gallery, cancellation), adjusted, CollectionRows.Ranker(gallery), progress, cancellation);
    }
}
