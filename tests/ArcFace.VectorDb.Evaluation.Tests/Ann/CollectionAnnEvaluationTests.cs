using System.Text.Json;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Evaluation.Tests.Collections;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Evaluation.Ann;

namespace ArcFace.VectorDb.Evaluation.Tests.Ann;

public class CollectionAnnEvaluationTests(AnnCollectionFixture fixture) : IClassFixture<AnnCollectionFixture>
{
    private const int Dim = AnnCollectionFixture.Dim;

    [Fact]
    public void Recall_reaches_one_once_ef_covers_the_collection_and_does_not_fall_as_ef_grows()
    {
        var runs = fixture.Report.Runs;

        Assert.Equal([10, 40, 400], runs.Select(r => r.Ef));
        // Sparse collection ids: a recall of 1 also shows the ground truth and the found ids are compared as ids.
        Assert.Equal(1.0, runs[^1].Recall, 12);
        for (int i = 1; i < runs.Count; i++)
            Assert.True(runs[i].Recall >= runs[i - 1].Recall - 0.01, $"recall fell from {runs[i - 1].Recall} at ef {runs[i - 1].Ef} to {runs[i].Recall} at ef {runs[i].Ef}");
        Assert.All(runs, r => Assert.True(r.Qps > 0 && r.P99Us >= r.P50Us));
    }

    [Fact]
    public void The_report_describes_the_collection_its_index_and_the_sampled_queries()
    {
        var report = fixture.Report;

        Assert.Equal((AnnCollectionFixture.Count, Dim, 50, 10), (report.N, report.Dim, report.Queries, report.K));
        Assert.Equal((AnnCollectionFixture.M, AnnCollectionFixture.EfConstruction), (report.M, report.EfConstruction));
        Assert.Equal(("collection ann", fixture.Collection.Directory), (report.Dataset, report.LoadedFrom));
        Assert.Null(report.BuildSeconds);
        Assert.Contains("a sample of the stored vectors (seed 42)", report.GroundTruth);
        Assert.Equal(IndexMemory.Ratio(report.IndexBytes, report.N, report.Dim, report.M), report.MemoryRatio);
        Assert.True(report.MemoryRatio > 0);
    }

    [Theory]
    [InlineData(CollectionMetric.Cosine, "Cosine")]
    [InlineData(CollectionMetric.InnerProduct, "InnerProduct")]
    [InlineData(CollectionMetric.L2, "L2")]
    public async Task The_report_names_the_collections_metric_not_the_index_metric_behind_it(CollectionMetric metric, string name)
    {
        await using var database = new TestDatabase();
        var collection = await database.CollectionAsync("m", RandomRows.Labeled(40, Dim, labels: 2, seed: 3), metric);

        var report = CollectionAnnEvaluation.Run(collection, new CollectionAnnSettings { Sample = 5, K = 5, Efs = [40], MaxThreads = 1 });

        Assert.Equal(name, report.Metric);
    }

    /// <summary>64 bits rank 400 random vectors too coarsely for their top 5 (binary codes want ArcFace-sized vectors), but each sampled query is a stored vector, which its own code finds.</summary>
    [Theory]
    [InlineData(VectorQuantization.Int8, "int8", 2f, 0.95)]
    [InlineData(VectorQuantization.Binary, "binary", 4f, 0.2)]
    public async Task A_quantised_collection_is_measured_as_it_is_with_its_re_rank_file_apart(VectorQuantization quantization, string name, float oversampling, double leastRecall)
    {
        await using var database = new TestDatabase();
        var collection = await database.CollectionAsync("q", RandomRows.Labeled(400, 64, labels: 4, seed: 5), quantization: quantization);

        var report = CollectionAnnEvaluation.Run(collection, new CollectionAnnSettings { Sample = 20, K = 5, Efs = [400], MaxThreads = 1 });

        Assert.Equal((name, oversampling), (report.Quantization, report.Oversampling));
        Assert.True(report.RerankBytes >= 400L * 64 * sizeof(float));
        Assert.True(report.IndexBytes > 0);
        Assert.True(report.Runs[0].Recall >= leastRecall, $"recall {report.Runs[0].Recall}");
    }

    [Fact]
    public void The_report_json_has_snake_case_keys_and_one_run_per_ef()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(fixture.Report, EvaluationJson.Options));
        var root = json.RootElement;

        Assert.Equal(AnnCollectionFixture.Count, root.GetProperty("n").GetInt32());
        Assert.Equal(Dim, root.GetProperty("dim").GetInt32());
        Assert.Equal(50, root.GetProperty("queries").GetInt32());
        Assert.Equal(AnnCollectionFixture.M, root.GetProperty("m").GetInt32());
        Assert.Equal(AnnCollectionFixture.EfConstruction, root.GetProperty("ef_construction").GetInt32());
        Assert.Equal(3, root.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public void Given_queries_replace_the_sample()
    {
        var queries = new VectorSet(RandomRows.UnitVectors(7, Dim, seed: 99), Dim);

        var report = CollectionAnnEvaluation.Run(fixture.Collection, AnnCollectionFixture.Settings with { Efs = [400] }, queries);

        Assert.Equal(7, report.Queries);
        Assert.Contains("the given vectors", report.GroundTruth);
        Assert.Equal(1.0, report.Runs.Single().Recall, 12);
    }

    [Fact]
    public void K_beyond_the_collection_is_refused_with_the_collection_size()
    {
        var error = Assert.Throws<ArgumentException>(() => CollectionAnnEvaluation.Run(fixture.Collection, AnnCollectionFixture.Settings with { K = 301, Efs = [400] }));

        Assert.Equal("k = 301 must be 1..300, the number of vectors in collection 'ann'.", error.Message);
    }

    [Fact]
    public void An_ef_below_k_is_refused_naming_k_and_the_efs()
    {
        var error = Assert.Throws<ArgumentException>(() => CollectionAnnEvaluation.Run(fixture.Collection, AnnCollectionFixture.Settings with { Efs = [40, 5] }));

        Assert.Equal("Every ef must be at least k = 10; got 40,5.", error.Message);
    }

    [Fact]
    public void Queries_of_another_dimension_are_refused_naming_both_dimensions()
    {
        // Two 8-d queries hold 16 floats, one 16-d vector's worth: only their dimension tells them apart.
        var queries = new VectorSet(RandomRows.UnitVectors(2, Dim / 2, seed: 7), Dim / 2);

        var error = Assert.Throws<ArgumentException>(() => CollectionAnnEvaluation.Run(fixture.Collection, AnnCollectionFixture.Settings, queries));

        Assert.Equal("The queries are 8-d but collection 'ann' holds 16-d vectors.", error.Message);
    }
}
