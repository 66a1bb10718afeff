using ArcFace.VectorDb.Cluster.Hosting;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Cli.Commands.Bench;
using ArcFace.VectorDb.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>Two silos in this process (Redis membership, one shared data folder): a job started through silo A is served by silo B.</summary>
public sealed class TwoSiloJobsTests(ITestOutputHelper output)
{
    private static readonly TestVectors Vectors = new(1000, 32, seed: 5);

    [Fact]
    public async Task A_job_started_through_silo_a_is_got_listed_watched_and_its_files_read_through_silo_b_and_b_cancels_one_queued_on_a()
    {
        if (RedisProcess.Missing is { } missing)
        {
            output.WriteLine(missing);
            return;
        }
        using var redis = await RedisProcess.StartAsync();
        using var data = new TempDirectory();
        await using var siloA = await StartAsync(redis, data.Path);
        await using var siloB = await StartAsync(redis, data.Path);
        using var channelA = GrpcChannel.ForAddress(siloA.Address);
        using var channelB = GrpcChannel.ForAddress(siloB.Address);
        var (a, b) = (new Protos.Evaluation.EvaluationClient(channelA), new Protos.Evaluation.EvaluationClient(channelB));
        var points = new Protos.VectorDb.VectorDbClient(channelA);
        await points.CreateCollectionAsync(new CreateCollectionRequest { Name = "faces", Dimension = (uint)Vectors.Dimension, Shards = 2 });
        var upsert = new UpsertRequest { Collection = "faces", Wait = true };
        upsert.Points.AddRange(Enumerable.Range(0, Vectors.Rows.Length).Select(Vectors.Point));
        await points.UpsertPointsAsync(upsert);

        var started = await a.StartAnnEvaluationAsync(new AnnEvaluationRequest { Collection = "faces", Sample = 100, K = 10, Ef = { 16, 64 } });
        // Jobs run one at a time: the third waits behind two, and silo B asks silo A to cancel it.
        var second = await a.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "faces", Topk = { 1 }, Ef = 64 });
        var queued = await a.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = "faces", Topk = { 1 } });
        var cancelled = await b.CancelJobAsync(new JobRequest { Id = queued.Id });

        var finished = await FinalAsync(b, started.Id);
        Assert.Equal(JobState.Succeeded, finished.State);
        Assert.Equal((1000u, 100u), (finished.Ann.N, finished.Ann.Queries));
        Assert.Equal(JobState.Succeeded, (await b.GetJobAsync(new JobRequest { Id = started.Id })).State);
        Assert.Equal([started.Id, second.Id, queued.Id], (await b.ListJobsAsync(new ListJobsRequest())).Jobs.Select(job => job.Id));
        var json = await b.GetJobFileAsync(new JobFileRequest { Id = started.Id, Name = "ann.json" });
        Assert.Equal("application/json", json.ContentType);

        Assert.Equal(JobState.Queued, cancelled.State);
        var stopped = await FinalAsync(b, queued.Id);
        Assert.Equal((JobState.Cancelled, "Cancelled on request."), (stopped.State, stopped.Error));
        Assert.Equal(JobState.Cancelled, (await a.GetJobAsync(new JobRequest { Id = queued.Id })).State);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => b.GetJobAsync(new JobRequest { Id = "../nope" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    private static Task<ClusterServer> StartAsync(RedisProcess redis, string data) =>
        ClusterServer.StartAsync(new ServerOptions { Listen = "127.0.0.1:0", DatabasePath = "", ModelDirectory = RepositoryFiles.Path("assets", "models") },
            new ClusterServeOptions { Redis = redis.Address, DataDirectory = data, SiloPort = LoopbackPort.Free() });

    private static async Task<Job> FinalAsync(Protos.Evaluation.EvaluationClient client, string id)
    {
        Job? last = null;
        using var watch = client.WatchJob(new JobRequest { Id = id });
        await foreach (var job in watch.ResponseStream.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token))
            last = job;
        return last!;
    }
}
