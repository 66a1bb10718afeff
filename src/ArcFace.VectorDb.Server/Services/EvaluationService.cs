using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Jobs;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Protos;
using Google.Api;
using Google.Protobuf;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>The Evaluation gRPC service: retrieval and ANN evaluations of collections as background jobs, started on <paramref name="jobs"/> and read through <paramref name="directory"/>.</summary>
internal sealed class EvaluationService(IEvaluationTargets collections, EvaluationJobs jobs, IJobDirectory directory) : Protos.Evaluation.EvaluationBase
{
    /// <summary>Most K values one retrieval evaluation may ask for.</summary>
    private const int MaxTopKs = 32;

    /// <summary>Most ef values one ANN evaluation may sweep.</summary>
    private const int MaxEfs = 32;

    /// <inheritdoc />
    public override async Task<Job> StartRetrievalEvaluation(RetrievalEvaluationRequest request, ServerCallContext context)
    {
        var gallery = await collections.ExistingAsync(request.GalleryCollection);
        var queries = request.QueryCollection.Length > 0 ? await collections.ExistingAsync(request.QueryCollection) : null;
        if (queries is not null && queries.Settings.Dimension != gallery.Settings.Dimension)
            throw RequestChecks.Invalid($"Collection '{queries.Settings.Name}' holds {queries.Settings.Dimension}-d vectors but the gallery '{gallery.Settings.Name}' holds {gallery.Settings.Dimension}-d ones.");
        if (request.Topk.Count > MaxTopKs)
            throw RequestChecks.Invalid($"At most {MaxTopKs} K values; got {request.Topk.Count}.");
        var settings = new RetrievalSettings
        {
            RecallTopK = request.Topk.Count == 0 ? RetrievalSettings.DefaultRecallTopK : [.. request.Topk.Select(k => (int)Math.Min(k, int.MaxValue))],
            RecallTopKIsDefault = request.Topk.Count == 0,
            MapTopK = request.MapTopk == 0 ? RetrievalSettings.DefaultMapTopK : (int)Math.Min(request.MapTopk, int.MaxValue),
            MapTopKIsDefault = request.MapTopk == 0,
            ApMode = request.ApMode == ApMode.Integrate ? AveragePrecisionMode.Integrate : AveragePrecisionMode.Ir,
            HnswEf = request.Ef == 0 ? null : (int)Math.Min(request.Ef, int.MaxValue),
            LeaveOneOut = queries is null,
        };
        if (settings.RecallTopK.Any(k => k < 1))
            throw RequestChecks.Invalid($"Every K must be at least 1; asked for {string.Join(",", settings.RecallTopK)}.");
        if (settings.HnswEf > RequestChecks.MaxEf)
            throw RequestChecks.Invalid($"ef must be at most {RequestChecks.MaxEf}; got {settings.HnswEf}.");
        if ((queries ?? gallery).Count == 0)
            throw RequestChecks.Invalid("There are no queries: the query collection is empty.");
        // The same rules as the CLI, before the job starts: a K asked for beyond the gallery or an ef below the largest K is refused.
        RankCutoffFit.Apply(settings, gallery.Count - (queries is null ? 1 : 0));
        return Started(() => jobs.StartRetrieval(gallery, queries, settings));
    }

    /// <inheritdoc />
    public override async Task<Job> StartAnnEvaluation(AnnEvaluationRequest request, ServerCallContext context)
    {
        var collection = await collections.ExistingAsync(request.Collection);
        var queries = request.QueryCollection.Length > 0 ? await collections.ExistingAsync(request.QueryCollection) : null;
        if (queries is not null && (queries.Settings.Dimension != collection.Settings.Dimension || queries.Count == 0))
            throw RequestChecks.Invalid($"Collection '{queries.Settings.Name}' ({queries.Count} × {queries.Settings.Dimension}-d) cannot query '{collection.Settings.Name}' ({collection.Settings.Dimension}-d): it must hold vectors of the same dimension.");
        if (request.Ef.Count > MaxEfs)
            throw RequestChecks.Invalid($"At most {MaxEfs} ef values; got {request.Ef.Count}.");
        var defaults = new CollectionAnnSettings();
        var settings = defaults with
        {
            Sample = request.Sample == 0 ? defaults.Sample : (int)Math.Min(request.Sample, int.MaxValue),
            Efs = request.Ef.Count == 0 ? defaults.Efs : [.. request.Ef.Select(ef => (int)Math.Min(ef, int.MaxValue))],
            K = request.K == 0 ? defaults.K : (int)Math.Min(request.K, int.MaxValue),
            Seed = request.Seed == 0 ? defaults.Seed : request.Seed,
        };
        if (settings.K > collection.Count || settings.K > RequestChecks.MaxK)
            throw RequestChecks.Invalid($"k must be 1..{Math.Min(collection.Count, RequestChecks.MaxK)} (collection '{collection.Settings.Name}' holds {collection.Count}); got {settings.K}.");
        if (settings.Efs.Any(ef => ef < settings.K || ef > RequestChecks.MaxEf))
            throw RequestChecks.Invalid($"Every ef must be k..{RequestChecks.MaxEf} (k = {settings.K}); got {string.Join(",", settings.Efs)}.");
        return Started(() => jobs.StartAnn(collection, queries, settings));
    }

    /// <inheritdoc />
    public override async Task WatchJob(JobRequest request, IServerStreamWriter<Job> responseStream, ServerCallContext context)
    {
        Existing(request.Id);
        await foreach (var record in directory.WatchAsync(request.Id, context.CancellationToken))
            await responseStream.WriteAsync(record.ToProto(withResult: record.State.IsFinal()), context.CancellationToken);
    }

    /// <inheritdoc />
    public override Task<Job> GetJob(JobRequest request, ServerCallContext context) => Task.FromResult(Existing(request.Id).ToProto());

    /// <inheritdoc />
    public override Task<HttpBody> GetJobFile(JobFileRequest request, ServerCallContext context)
    {
        var record = Existing(request.Id);
        // Only a name the job's own record lists, compared as a whole file name: no path of the caller's is ever opened.
        string? path = record.ReportFiles.FirstOrDefault(file => request.Name.Length > 0 && string.Equals(Path.GetFileName(file), request.Name, StringComparison.Ordinal));
        string? contentType = Path.GetExtension(path ?? "").ToLowerInvariant() switch
        {
            ".json" => "application/json",
            ".md" => "text/markdown; charset=utf-8",
            ".png" => "image/png",
            _ => null,
        };
        if (path is null || contentType is null || !File.Exists(path))
            throw new RpcException(new Status(StatusCode.NotFound, $"Job '{request.Id}' has no report file '{request.Name}'."));
        return Task.FromResult(new HttpBody { ContentType = contentType, Data = ByteString.CopyFrom(File.ReadAllBytes(path)) });
    }

    /// <inheritdoc />
    public override Task<ListJobsResponse> ListJobs(ListJobsRequest request, ServerCallContext context)
    {
        var response = new ListJobsResponse();
        response.Jobs.AddRange(directory.List().Select(r => r.ToProto(withResult: false)));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<Job> CancelJob(JobRequest request, ServerCallContext context)
    {
        Existing(request.Id);
        return Task.FromResult(directory.Cancel(request.Id)!.ToProto());
    }

    /// <summary>Starts a job; RESOURCE_EXHAUSTED when too many are queued or running.</summary>
    private static Job Started(Func<JobRecord> start)
    {
        try
        {
            return start().ToProto();
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, e.Message));
        }
    }

    private JobRecord Existing(string id) =>
        directory.Find(id) ?? throw new RpcException(new Status(StatusCode.NotFound, $"No job '{id}'."));
}
