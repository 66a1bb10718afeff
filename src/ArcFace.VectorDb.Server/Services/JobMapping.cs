using System.Globalization;
using System.Text.Json;
using ArcFace.VectorDb.Evaluation;
using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Jobs;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>Job records to their protobuf form.</summary>
internal static class JobMapping
{
    /// <summary>The job as the API shows it; <paramref name="withResult"/> adds the report (JSON and typed figures).</summary>
    public static Job ToProto(this JobRecord record, bool withResult = true)
    {
        var job = new Job
        {
            Id = record.Id, Kind = record.Kind, Request = record.Request, State = record.State.ToProto(), Stage = record.Stage,
            Done = (ulong)Math.Max(0, record.Done), Total = (ulong)Math.Max(0, record.Total), Created = Time(record.Created),
            Started = record.Started is { } started ? Time(started) : "", Finished = record.Finished is { } finished ? Time(finished) : "",
            Error = record.Error ?? "",
        };
        if (!withResult || record.Result is not { } result)
            return job;
        job.ResultJson = result.GetRawText();
        job.ReportFiles.AddRange(record.ReportFiles);
        if (record.Kind == "retrieval" && result.Deserialize<RetrievalReport>(EvaluationJson.Options) is { } retrieval)
            job.Retrieval = retrieval.ToProto();
        else if (record.Kind == "ann" && result.Deserialize<AnnReport>(EvaluationJson.Options) is { } ann)
            job.Ann = ann.ToProto();
        return job;
    }

    private static RetrievalResult ToProto(this RetrievalReport report)
    {
        var result = new RetrievalResult { Queries = (uint)report.Queries, Gallery = (uint)report.Gallery, Rank1 = report.Rank1 };
        result.RecallAt.Add(new Dictionary<string, double>(report.RecallAt));
        result.MapAt.Add(new Dictionary<string, double>(report.MapAt));
        if (report.Hnsw is { } hnsw)
        {
            result.HnswEf = (uint)hnsw.Ef;
            result.HnswRecallAt.Add(new Dictionary<string, double>(hnsw.RecallAt));
            result.HnswMapAt.Add(new Dictionary<string, double>(hnsw.MapAt));
            result.HnswRank1 = hnsw.Rank1;
        }
        return result;
    }

    private static AnnResult ToProto(this AnnReport report)
    {
        var result = new AnnResult
        {
            N = (uint)report.N, Dim = (uint)report.Dim, Queries = (uint)report.Queries, K = (uint)report.K, M = (uint)report.M,
            EfConstruction = (uint)report.EfConstruction, IndexBytes = (ulong)report.IndexBytes,
            Quantization = report.Quantization, Oversampling = report.Oversampling ?? 0, RerankBytes = (ulong)report.RerankBytes,
        };
        foreach (var run in report.Runs)
            result.Runs.Add(new Protos.AnnRun { Ef = (uint)run.Ef, Recall = run.Recall, Qps = run.Qps, P50Us = run.P50Us, P99Us = run.P99Us });
        return result;
    }

    private static Protos.JobState ToProto(this Evaluation.Jobs.JobState state) => state switch
    {
        Evaluation.Jobs.JobState.Queued => Protos.JobState.Queued,
        Evaluation.Jobs.JobState.Running => Protos.JobState.Running,
        Evaluation.Jobs.JobState.Succeeded => Protos.JobState.Succeeded,
        Evaluation.Jobs.JobState.Failed => Protos.JobState.Failed,
        Evaluation.Jobs.JobState.Cancelled => Protos.JobState.Cancelled,
        _ => Protos.JobState.Interrupted,
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
