using System.Text.Json;
using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Jobs;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Evaluation.Tests.Collections;

namespace ArcFace.VectorDb.Evaluation.Tests.Jobs;

public class CollectionJobsTests
{
    private const int Dim = 8;
    private static readonly RetrievalSettings RecallAt1And5 = new() { RecallTopK = [1, 5], MapTopK = 5, HnswEf = 64 };

    [Fact]
    public async Task A_leave_one_out_retrieval_job_succeeds_and_writes_json_markdown_and_png()
    {
        await using var db = new TestDatabase();
        var gallery = await db.CollectionAsync("gallery", RandomRows.Labeled(40, Dim, labels: 4, seed: 31));
        await using var jobs = new EvaluationJobs(db.Folder("jobs"), threadsPerJob: 1);

        var job = jobs.StartRetrieval(gallery, null, RecallAt1And5);
        var final = await JobWatch.FinalAsync(jobs, job.Id);

        Assert.Equal((JobState.Succeeded, null), (final.State, final.Error));
        Assert.Equal("gallery gallery, queries leave-one-out, Recall@1,5, mAP@5 (Ir), exact and HNSW ef=64", job.Request);
        AssertReportFiles(final, "retrieval");
        var result = final.Result!.Value;
        Assert.Equal((40, 39), (result.GetProperty("queries").GetInt32(), result.GetProperty("gallery").GetInt32()));
        AssertPercentsKeyedBy(result.GetProperty("recall_at"), "1", "5");
        AssertPercentsKeyedBy(result.GetProperty("map_at"), "5");
        AssertPercentsKeyedBy(result.GetProperty("hnsw").GetProperty("recall_at"), "1", "5");
    }

    [Fact]
    public async Task A_retrieval_job_with_a_query_collection_scores_its_queries_against_the_gallery()
    {
        await using var db = new TestDatabase();
        var gallery = await db.CollectionAsync("gallery", RandomRows.Labeled(40, Dim, labels: 4, seed: 31));
        var queries = await db.CollectionAsync("queries", RandomRows.Labeled(10, Dim, labels: 4, seed: 32));
        await using var jobs = new EvaluationJobs(db.Folder("jobs"), threadsPerJob: 1);

        var final = await JobWatch.FinalAsync(jobs, jobs.StartRetrieval(gallery, queries, RecallAt1And5 with { HnswEf = null }).Id);

        Assert.Equal(JobState.Succeeded, final.State);
        AssertReportFiles(final, "retrieval");
        var result = final.Result!.Value;
        Assert.Equal((10, 40), (result.GetProperty("queries").GetInt32(), result.GetProperty("gallery").GetInt32()));
        AssertPercentsKeyedBy(result.GetProperty("recall_at"), "1", "5");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("hnsw").ValueKind);
    }

    [Fact]
    public async Task An_ann_job_succeeds_and_writes_json_markdown_and_png()
    {
        await using var db = new TestDatabase();
        var collection = await db.CollectionAsync("c", RandomRows.Labeled(60, Dim, labels: 4, seed: 33));
        await using var jobs = new EvaluationJobs(db.Folder("jobs"), threadsPerJob: 1);

        var final = await JobWatch.FinalAsync(jobs, jobs.StartAnn(collection, null, new CollectionAnnSettings { Sample = 20, K = 5, Efs = [60] }).Id);

        Assert.Equal(JobState.Succeeded, final.State);
        AssertReportFiles(final, "ann");
        var result = final.Result!.Value;
        Assert.Equal((60, 20), (result.GetProperty("n").GetInt32(), result.GetProperty("queries").GetInt32()));
        Assert.Equal(1.0, result.GetProperty("runs")[0].GetProperty("recall").GetDouble(), 12);
    }

    [Fact]
    public async Task An_ann_job_asking_for_more_neighbours_than_the_collection_holds_fails_with_the_reason()
    {
        await using var db = new TestDatabase();
        var collection = await db.CollectionAsync("c", RandomRows.Labeled(6, Dim, labels: 2, seed: 34));
        await using var jobs = new EvaluationJobs(db.Folder("jobs"), threadsPerJob: 1);

        var final = await JobWatch.FinalAsync(jobs, jobs.StartAnn(collection, null, new CollectionAnnSettings { K = 10 }).Id);

        Assert.Equal((JobState.Failed, "k = 10 must be 1..6, the number of vectors in collection 'c'."), (final.State, final.Error));
        Assert.Empty(final.ReportFiles);
    }

    private static void AssertReportFiles(JobRecord final, string name)
    {
        Assert.Equal([$"{name}.json", $"{name}.md", $"{name}.png"], final.ReportFiles.Select(Path.GetFileName));
        Assert.All(final.ReportFiles, file => Assert.True(new FileInfo(file).Length > 0, $"{file} is missing or empty"));
        Assert.Equal(final.Id, Path.GetFileName(Path.GetDirectoryName(final.ReportFiles[0])));
    }

    private static void AssertPercentsKeyedBy(JsonElement figures, params string[] keys)
    {
        Assert.Equal(keys, figures.EnumerateObject().Select(p => p.Name));
        Assert.All(keys, k => Assert.InRange(figures.GetProperty(k).GetDouble(), 0, 100));
    }
}
