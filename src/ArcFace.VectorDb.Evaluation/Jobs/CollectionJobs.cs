using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Jobs;

/// <summary>The two evaluation jobs over collections: each writes its report files into the job's folder.</summary>
public static class CollectionJobs
{
    /// <summary>Starts a retrieval evaluation of collections of this process (see the overload over evaluation targets).</summary>
    public static JobRecord StartRetrieval(this EvaluationJobs jobs, VectorCollection gallery, VectorCollection? queries, RetrievalSettings settings) =>
        jobs.StartRetrieval(new LocalEvaluationTarget(gallery), queries is null ? null : new LocalEvaluationTarget(queries), settings);

    /// <summary>Starts an ANN evaluation of a collection of this process (see the overload over evaluation targets).</summary>
    public static JobRecord StartAnn(this EvaluationJobs jobs, VectorCollection collection, VectorCollection? queries, CollectionAnnSettings settings) =>
        jobs.StartAnn(new LocalEvaluationTarget(collection), queries is null ? null : new LocalEvaluationTarget(queries), settings);

    /// <summary>Starts a retrieval evaluation with <paramref name="gallery"/> as the gallery (leave-one-out when <paramref name="queries"/> is null).</summary>
    public static JobRecord StartRetrieval(this EvaluationJobs jobs, IEvaluationTarget gallery, IEvaluationTarget? queries, RetrievalSettings settings)
    {
        string request = FormattableString.Invariant($"gallery {gallery.Settings.Name}, queries {queries?.Settings.Name ?? "leave-one-out"}, Recall@{string.Join(",", settings.RecallTopK)}, mAP@{settings.MapTopK} ({settings.ApMode}), {(settings.HnswEf is int ef ? $"exact and HNSW ef={ef}" : "exact search")}");
        return jobs.Start("retrieval", request, context =>
        {
            var report = CollectionRetrieval.Evaluate(gallery, queries, settings with { MaxThreads = context.MaxThreads }, context.Progress, context.Cancellation);
            return new JobOutcome(report, ReportFiles.Write(Path.Combine(context.Folder, "retrieval.json"), report).All);
        }, Dropped(gallery, queries));
    }

    /// <summary>Starts an ANN evaluation of a collection's index against exact search; the queries are the vectors of <paramref name="queries"/>, or a sample of the collection's own.</summary>
    public static JobRecord StartAnn(this EvaluationJobs jobs, IEvaluationTarget collection, IEvaluationTarget? queries, CollectionAnnSettings settings)
    {
        string source = queries is null ? $"{settings.Sample} sampled queries (seed {settings.Seed})" : $"queries from collection {queries.Settings.Name}";
        string request = FormattableString.Invariant($"collection {collection.Settings.Name}, {source}, k={settings.K}, ef {string.Join(",", settings.Efs)}");
        return jobs.Start("ann", request, context =>
        {
            var given = queries is null ? null : queries.Read(context.Cancellation).Vectors;
            var report = CollectionAnnEvaluation.Run(collection, settings with { MaxThreads = context.MaxThreads }, given, context.Progress, context.Cancellation);
            return new JobOutcome(report, ReportFiles.Write(Path.Combine(context.Folder, "ann.json"), report).All);
        }, Dropped(collection, queries));
    }

    /// <summary>The tokens that fire when one of the collections a job reads is dropped.</summary>
    private static CancellationToken[] Dropped(IEvaluationTarget first, IEvaluationTarget? second) =>
        second is null ? [first.Dropped] : [first.Dropped, second.Dropped];
}
