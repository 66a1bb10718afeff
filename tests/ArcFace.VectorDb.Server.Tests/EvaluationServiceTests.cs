using System.Text.Json;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>The Evaluation service end to end: jobs started, watched, listed, cancelled, and kept across a restart.</summary>
public class EvaluationServiceTests
{
    private const int Dim = 16;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_retrieval_job_through_grpc_gives_the_figures_of_in_process_evaluation_and_writes_its_reports()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("gallery", Dim);
        await test.UpsertAsync("gallery", Clustered(0, 200));
        await test.CreateAsync("queries", Dim);
        await test.UpsertAsync("queries", Clustered(1000, 40, seed: 9));
        var database = test.Server.Database;
        var settings = new RetrievalSettings { RecallTopK = [1, 5], MapTopK = 10, HnswEf = 64 };
        var inProcessLoo = CollectionRetrieval.Evaluate(database.GetCollection("gallery"), null, settings);
        var inProcessSplit = CollectionRetrieval.Evaluate(database.GetCollection("gallery"), database.GetCollection("queries"), settings);

        var loo = await FinishAsync(test, await test.Evaluation.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "gallery", Topk = { 1, 5 }, MapTopk = 10, Ef = 64 }));
        var split = await FinishAsync(test, await test.Evaluation.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "gallery", QueryCollection = "queries", Topk = { 1, 5 }, Ef = 64 }));

        foreach (var (job, expected) in new[] { (loo, inProcessLoo), (split, inProcessSplit) })
        {
            Assert.Equal(JobState.Succeeded, job.State);
            Assert.Equal(expected.RecallAt, job.Retrieval.RecallAt);
            Assert.Equal(expected.MapAt, job.Retrieval.MapAt);
            Assert.Equal(expected.Hnsw!.RecallAt, job.Retrieval.HnswRecallAt);
            Assert.Equal((uint)expected.Queries, job.Retrieval.Queries);
            var json = JsonSerializer.Deserialize<JsonElement>(job.ResultJson);
            Assert.Equal(expected.RecallAt["1"], json.GetProperty("recall_at").GetProperty("1").GetDouble());
            Assert.Equal([".json", ".md", ".png"], job.ReportFiles.Select(Path.GetExtension));
            Assert.All(job.ReportFiles, file => Assert.True(File.Exists(file), file));
        }
        Assert.Equal((200u, 199u), (loo.Retrieval.Queries, loo.Retrieval.Gallery));
        Assert.Equal((40u, 200u), (split.Retrieval.Queries, split.Retrieval.Gallery));
    }

    [Fact]
    public async Task Watch_streams_the_job_from_its_start_to_its_result_and_list_and_get_show_it()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("v", Dim);
        await test.UpsertAsync("v", Clustered(0, 300));
        var started = await test.Evaluation.StartAnnEvaluationAsync(new AnnEvaluationRequest { Collection = "v", Sample = 50, Ef = { 10, 20 }, K = 5 });

        var states = new List<Job>();
        using (var watch = test.Evaluation.WatchJob(new JobRequest { Id = started.Id }))
        {
            await foreach (var job in watch.ResponseStream.ReadAllAsync().WithCancellation(new CancellationTokenSource(Patience).Token))
                states.Add(job);
        }
        var listed = await test.Evaluation.ListJobsAsync(new ListJobsRequest());
        var got = await test.Evaluation.GetJobAsync(new JobRequest { Id = started.Id });

        Assert.Equal(JobState.Queued, started.State);
        Assert.Equal(JobState.Succeeded, states[^1].State);
        Assert.All(states[..^1], s => Assert.True(s.State is JobState.Queued or JobState.Running && s.ResultJson.Length == 0));
        Assert.Equal([10u, 20u], states[^1].Ann.Runs.Select(r => r.Ef));
        Assert.Equal((300u, 50u, 5u), (got.Ann.N, got.Ann.Queries, got.Ann.K));
        Assert.Equal(started.Id, listed.Jobs.Single().Id);
        Assert.Equal("", listed.Jobs.Single().ResultJson);
        Assert.NotEmpty(got.Started);
        Assert.NotEmpty(got.Finished);
    }

    [Fact]
    public async Task An_ann_job_searches_with_the_vectors_of_a_query_collection_when_given_one()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("v", Dim);
        await test.UpsertAsync("v", Clustered(0, 300));
        await test.CreateAsync("held-out", Dim);
        await test.UpsertAsync("held-out", Clustered(5000, 35, seed: 11));

        var job = await FinishAsync(test, await test.Evaluation.StartAnnEvaluationAsync(new AnnEvaluationRequest { Collection = "v", QueryCollection = "held-out", Ef = { 300 }, K = 5 }));

        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal((35u, 1.0), (job.Ann.Queries, job.Ann.Runs.Single().Recall));
        Assert.Contains("queries from collection held-out", job.Request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_the_status_that_names_the_problem()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("v", Dim);
        await test.UpsertAsync("v", Clustered(0, 20));
        await test.CreateAsync("other", Dim + 1);

        async Task<StatusCode> Code(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).StatusCode;

        Assert.Equal(StatusCode.NotFound, await Code(() => test.Evaluation.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "nope" }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await Code(() => test.Evaluation.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "v", Topk = { 20 } }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await Code(() => test.Evaluation.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "v", Ef = 3 }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await Code(() => test.Evaluation.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "v", QueryCollection = "other" }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await Code(() => test.Evaluation.StartAnnEvaluationAsync(new AnnEvaluationRequest { Collection = "v", K = 21 }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await Code(() => test.Evaluation.StartAnnEvaluationAsync(new AnnEvaluationRequest { Collection = "v", QueryCollection = "other" }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await Code(() => test.Evaluation.StartAnnEvaluationAsync(new AnnEvaluationRequest { Collection = "v", K = 5, Ef = { 4 } }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await Code(() => test.Evaluation.GetJobAsync(new JobRequest { Id = "nope" }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await Code(() => test.Evaluation.CancelJobAsync(new JobRequest { Id = "nope" }).ResponseAsync));
        Assert.Empty((await test.Evaluation.ListJobsAsync(new ListJobsRequest())).Jobs);
    }

    [Fact]
    public async Task A_cancelled_job_stops_and_says_so_and_a_job_running_when_the_server_stops_is_interrupted_and_listed_after_a_restart()
    {
        using var dir = new TempDirectory();
        var options = new ServerOptions { DatabasePath = dir.File("db"), CreateDatabase = true, Listen = "127.0.0.1:0" };
        string finished, cancelled, interrupted;
        await using (var server = await VectorDbServer.StartAsync(options))
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            var vectors = new Protos.VectorDb.VectorDbClient(channel);
            var evaluation = new Protos.Evaluation.EvaluationClient(channel);
            foreach (var (name, points) in new[] { ("v", Clustered(0, 200)), ("big", Clustered(10_000, 3000)) })
            {
                await vectors.CreateCollectionAsync(new CreateCollectionRequest { Name = name, Dimension = Dim });
                using var upsert = vectors.Upsert();
                var request = new UpsertRequest { Collection = name, Wait = true };
                request.Points.AddRange(points);
                await upsert.RequestStream.WriteAsync(request);
                await upsert.RequestStream.CompleteAsync();
                await upsert;
            }
            finished = (await FinishAsync(evaluation, await evaluation.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "v" }))).Id;
            // Thirty-two sweeps at an ef of about the whole collection, each over all 3,000 points as queries, keep a
            // job running for seconds (stopping takes effect between two efs, a fraction of that).
            var slow = new AnnEvaluationRequest { Collection = "big", Sample = 3000, K = 5, Ef = { Enumerable.Range(1000, 32).Select(e => (uint)e) } };
            cancelled = (await evaluation.StartAnnEvaluationAsync(slow)).Id;
            await RunningAsync(evaluation, cancelled);
            await evaluation.CancelJobAsync(new JobRequest { Id = cancelled });
            var stopped = await FinishAsync(evaluation, await evaluation.GetJobAsync(new JobRequest { Id = cancelled }));
            Assert.Equal((JobState.Cancelled, "Cancelled on request."), (stopped.State, stopped.Error));
            interrupted = (await evaluation.StartAnnEvaluationAsync(slow)).Id;
            await RunningAsync(evaluation, interrupted);
        }

        await using (var restarted = await VectorDbServer.StartAsync(options))
        {
            using var channel = GrpcChannel.ForAddress(restarted.Address);
            var evaluation = new Protos.Evaluation.EvaluationClient(channel);
            var jobs = (await evaluation.ListJobsAsync(new ListJobsRequest())).Jobs;
            var result = await evaluation.GetJobAsync(new JobRequest { Id = finished });

            Assert.Equal([(finished, JobState.Succeeded), (cancelled, JobState.Cancelled), (interrupted, JobState.Interrupted)], jobs.Select(j => (j.Id, j.State)));
            Assert.Contains("stopped before the job finished", jobs[2].Error, StringComparison.Ordinal);
            Assert.Equal(200u, result.Retrieval.Queries);
        }
    }

    [Fact]
    public async Task A_read_only_key_may_watch_and_list_jobs_but_not_start_or_cancel_them()
    {
        await using var test = await TestServer.StartAsync(o => TestServer.WithApiKeys(o, "writer-key-0123456789 write", "reader-key-0123456789 read"));
        await test.CreateAsync("v", Dim, TestServer.Bearer("writer-key-0123456789"));
        await test.UpsertAsync("v", Clustered(0, 30), TestServer.Bearer("writer-key-0123456789"));
        var job = await test.Evaluation.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "v" }, TestServer.Bearer("writer-key-0123456789"));
        var reader = TestServer.Bearer("reader-key-0123456789");

        var denied = await Assert.ThrowsAsync<RpcException>(() => test.Evaluation.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "v" }, reader).ResponseAsync);
        var noCancel = await Assert.ThrowsAsync<RpcException>(() => test.Evaluation.CancelJobAsync(new JobRequest { Id = job.Id }, reader).ResponseAsync);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => test.Evaluation.ListJobsAsync(new ListJobsRequest()).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied, StatusCode.Unauthenticated), (denied.StatusCode, noCancel.StatusCode, anonymous.StatusCode));
        Assert.Single((await test.Evaluation.ListJobsAsync(new ListJobsRequest(), reader)).Jobs);
        Assert.Equal(job.Id, (await test.Evaluation.GetJobAsync(new JobRequest { Id = job.Id }, reader)).Id);
    }

    /// <summary>Points around 10 label centres, so retrieval figures are neither 0 nor trivially 100.</summary>
    private static IEnumerable<Point> Clustered(ulong firstId, int count, int seed = 3)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int label = i % 10;
            var point = new Point { Id = firstId + (ulong)i, Label = $"class-{label}" };
            for (int d = 0; d < Dim; d++)
                point.Vector.Add((d == label ? 1f : 0f) + (float)(random.NextDouble() - 0.5) * 0.9f);
            yield return point;
        }
    }

    private static Task<Job> FinishAsync(TestServer test, Job started) => FinishAsync(test.Evaluation, started);

    private static async Task<Job> FinishAsync(Protos.Evaluation.EvaluationClient client, Job started)
    {
        Job last = started;
        using var watch = client.WatchJob(new JobRequest { Id = started.Id });
        await foreach (var job in watch.ResponseStream.ReadAllAsync().WithCancellation(new CancellationTokenSource(Patience).Token))
            last = job;
        return last;
    }

    private static async Task RunningAsync(Protos.Evaluation.EvaluationClient client, string id)
    {
        using var watch = client.WatchJob(new JobRequest { Id = id });
        await foreach (var job in watch.ResponseStream.ReadAllAsync().WithCancellation(new CancellationTokenSource(Patience).Token))
        {
            if (job.State == JobState.Running)
                return;
        }
        throw new InvalidOperationException($"Job {id} ended without running.");
    }
}
