using ArcFace.VectorDb.Protos;
using Grpc.Core;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>The Evaluation service of a cluster silo over a 4-shard collection against a single node holding the same points.</summary>
public sealed partial class ClusterServiceTests
{
    private static readonly TestVectors Vectors = new(2000, 32, seed: 11);

    [Fact]
    public async Task Ann_job_on_four_shards_reports_the_single_nodes_recall_against_exact_scatter_gather()
    {
        await CreateVectorsAsync("ann");
        // The scatter-gather of the shards' exact searches is the exact search over all points.
        foreach (var query in Vectors.Rows.Take(20))
        {
            var search = new SearchRequest { Collection = "ann", K = 10 };
            search.Vector.AddRange(query);
            var exact = await servers.Cluster.Collections.ExactSearchAsync("ann", new SearchBatchRequest { Searches = { search } });
            Assert.Equal(Vectors.ExactTopK(query, 10), exact[0].Hits.Select(hit => hit.Id));
        }

        var request = new AnnEvaluationRequest { Collection = "ann", Sample = 200, K = 10, Ef = { 64, 256, 1000 } };
        var sharded = await FinishAsync(servers.Evaluation.Cluster, await servers.Evaluation.Cluster.StartAnnEvaluationAsync(request));
        var single = await FinishAsync(servers.Evaluation.Single, await servers.Evaluation.Single.StartAnnEvaluationAsync(request));

        Assert.Equal((JobState.Succeeded, JobState.Succeeded), (sharded.State, single.State));
        Assert.Equal((2000u, 200u, 10u), (sharded.Ann.N, sharded.Ann.Queries, sharded.Ann.K));
        Assert.Equal(single.Ann.Runs.Select(run => run.Ef), sharded.Ann.Runs.Select(run => run.Ef));
        foreach (var (one, fanned) in single.Ann.Runs.Zip(sharded.Ann.Runs))
        {
            Assert.True(Math.Abs(one.Recall - fanned.Recall) <= 0.01, $"ef {one.Ef}: single node {one.Recall:F4}, cluster {fanned.Recall:F4}");
            Assert.True(fanned.Qps > 0 && fanned.P99Us >= fanned.P50Us);
        }
        // ef 1000 is above a shard's 500 points: every shard searches exhaustively, so the fan-out is exact against exact.
        Assert.Equal(1.0, sharded.Ann.Runs[^1].Recall);
        await AssertJobServedAsync(sharded);
    }

    [Fact]
    public async Task Retrieval_job_on_four_shards_gives_the_single_nodes_exact_recall_and_map()
    {
        await CreateVectorsAsync("retrieval");
        var request = new RetrievalEvaluationRequest { GalleryCollection = "retrieval", Topk = { 1, 5 }, MapTopk = 10, Ef = 1000 };

        var sharded = await FinishAsync(servers.Evaluation.Cluster, await servers.Evaluation.Cluster.StartRetrievalEvaluationAsync(request));
        var single = await FinishAsync(servers.Evaluation.Single, await servers.Evaluation.Single.StartRetrievalEvaluationAsync(request));

        Assert.Equal((JobState.Succeeded, JobState.Succeeded), (sharded.State, single.State));
        Assert.Equal((2000u, 1999u), (sharded.Retrieval.Queries, sharded.Retrieval.Gallery));
        Assert.Equal(single.Retrieval.RecallAt, sharded.Retrieval.RecallAt);
        Assert.Equal(single.Retrieval.MapAt, sharded.Retrieval.MapAt);
        Assert.Equal(single.Retrieval.Rank1, sharded.Retrieval.Rank1);
        // At an ef above a shard's size the fan-out HNSW ranking is the exact one.
        Assert.Equal(sharded.Retrieval.RecallAt, sharded.Retrieval.HnswRecallAt);
        await AssertJobServedAsync(sharded);
    }

    /// <summary>GetJob, ListJobs and GetJobFile answer for a job of the silo, whose files lie under DATA/jobs/.</summary>
    private async Task AssertJobServedAsync(Job job)
    {
        var client = servers.Evaluation.Cluster;
        Assert.Equal(JobState.Succeeded, (await client.GetJobAsync(new JobRequest { Id = job.Id })).State);
        Assert.Contains(job.Id, (await client.ListJobsAsync(new ListJobsRequest())).Jobs.Select(listed => listed.Id));
        Assert.All(job.ReportFiles, file => Assert.StartsWith(Path.Combine(servers.DataDirectory, "jobs"), file, StringComparison.Ordinal));
        var json = await client.GetJobFileAsync(new JobFileRequest { Id = job.Id, Name = Path.GetFileName(job.ReportFiles.First(file => file.EndsWith(".json", StringComparison.Ordinal))) });
        Assert.Equal("application/json", json.ContentType);
        Assert.Equal(job.State, (await client.CancelJobAsync(new JobRequest { Id = job.Id })).State);
    }

    private async Task CreateVectorsAsync(string name)
    {
        await servers.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = (uint)Vectors.Dimension }, shards: 4);
        var upsert = new UpsertRequest { Collection = name, Wait = true };
        upsert.Points.AddRange(Enumerable.Range(0, Vectors.Rows.Length).Select(Vectors.Point));
        await servers.Points.Cluster.UpsertPointsAsync(upsert);
        await servers.Points.Single.UpsertPointsAsync(upsert);
    }

    private static async Task<Job> FinishAsync(Protos.Evaluation.EvaluationClient client, Job started)
    {
        var last = started;
        using var watch = client.WatchJob(new JobRequest { Id = started.Id });
        await foreach (var job in watch.ResponseStream.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token))
            last = job;
        Assert.True(last.Error.Length == 0, last.Error);
        return last;
    }
}
