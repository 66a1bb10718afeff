using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Tests.Collections;

public class CollectionRetrievalTests
{
    private const int Dim = 8;
    private static readonly RetrievalSettings Settings = new() { RecallTopK = [1, 5], MapTopK = 10, HnswEf = 100 };

    // Sparse ids, every tenth row unlabelled: the collection must give back the same rows, labels and ids in id order.
    private static readonly LabeledRows GalleryRows = RandomRows.Labeled(60, Dim, labels: 6, seed: 11, id: i => 10 + 7 * (ulong)i, unlabeledEvery: 10);
    private static readonly LabeledRows QueryRows = RandomRows.Labeled(20, Dim, labels: 6, seed: 12, id: i => 500 + (ulong)i);

    /// <summary>A metric that normalises what it stores and one that keeps vectors as given.</summary>
    public static TheoryData<CollectionMetric> Metrics => [CollectionMetric.Cosine, CollectionMetric.L2];

    [Theory]
    [MemberData(nameof(Metrics))]
    public async Task A_query_collection_scores_as_the_same_rows_evaluated_directly(CollectionMetric metric)
    {
        await using var db = new TestDatabase();
        var gallery = await db.CollectionAsync("gallery", GalleryRows, metric);
        var queries = await db.CollectionAsync("queries", QueryRows, metric);

        var direct = RetrievalEvaluator.Evaluate("direct", QueryRows, GalleryRows, Settings with { HnswEf = null, Metric = metric.IndexMetric() });
        var stored = CollectionRetrieval.Evaluate(gallery, queries, Settings);

        AssertSameFigures(direct, stored);
        Assert.Equal("collection queries against gallery", stored.Dataset);
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public async Task Leave_one_out_over_a_collection_scores_as_leave_one_out_over_its_rows(CollectionMetric metric)
    {
        await using var db = new TestDatabase();
        var gallery = await db.CollectionAsync("gallery", GalleryRows, metric);

        var direct = RetrievalEvaluator.Evaluate("direct", GalleryRows, GalleryRows, Settings with { HnswEf = null, LeaveOneOut = true, Metric = metric.IndexMetric() });
        var stored = CollectionRetrieval.Evaluate(gallery, null, Settings);

        AssertSameFigures(direct, stored);
        Assert.Equal((60, 59), (stored.Queries, stored.Gallery));
        Assert.Equal("collection gallery, leave-one-out", stored.Dataset);
    }

    [Fact]
    public async Task Collection_rows_hold_the_records_in_id_order_with_their_labels()
    {
        await using var db = new TestDatabase();
        var gallery = await db.CollectionAsync("gallery", GalleryRows, CollectionMetric.L2);

        var rows = CollectionRows.Read(gallery);

        Assert.Equal(GalleryRows.Ids, rows.Ids);
        Assert.Equal(GalleryRows.Labels, rows.Labels);
        Assert.Equal(GalleryRows.Rows, rows.Rows);
    }

    [Fact]
    public async Task Query_and_gallery_collections_of_different_dimensions_are_refused()
    {
        await using var db = new TestDatabase();
        var gallery = await db.CollectionAsync("gallery", GalleryRows);
        var queries = await db.CollectionAsync("wide", RandomRows.Labeled(5, Dim + 1, labels: 2, seed: 3));

        var error = Assert.Throws<ArgumentException>(() => CollectionRetrieval.Evaluate(gallery, queries, Settings));

        Assert.Contains("'wide' holds 9-d vectors but the gallery 'gallery' holds 8-d", error.Message);
    }

    /// <summary>Same exact figures; and the collection's HNSW, searched with an ef beyond the gallery size, matches them too.</summary>
    private static void AssertSameFigures(RetrievalReport direct, RetrievalReport stored)
    {
        Assert.Equal((direct.Queries, direct.Gallery, direct.QueriesWithoutRelevant), (stored.Queries, stored.Gallery, stored.QueriesWithoutRelevant));
        Assert.Equal(direct.RecallAt, stored.RecallAt);
        Assert.Equal(direct.MapAt, stored.MapAt);
        Assert.Equal(direct.Rank1, stored.Rank1);
        Assert.NotNull(stored.Hnsw);
        Assert.Equal(direct.RecallAt, stored.Hnsw.RecallAt);
        Assert.Equal(direct.MapAt, stored.Hnsw.MapAt);
        Assert.Equal(direct.Rank1, stored.Hnsw.Rank1);
    }
}
