using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Tests.Collections;

/// <summary>The exact search a shard answers block by block gives what one flat search over every record gives.</summary>
public class BlockedExactSearchTests
{
    private const int Dim = 24;

    [Theory]
    [InlineData(CollectionMetric.Cosine, 1)]
    [InlineData(CollectionMetric.Cosine, 7)]
    [InlineData(CollectionMetric.L2, 64)]
    [InlineData(CollectionMetric.InnerProduct, 10_000)]
    public async Task Blocks_of_any_size_give_the_flat_top_k_over_every_live_record(CollectionMetric metric, int blockRows)
    {
        await using var db = new TestDatabase();
        var rows = RandomRows.Labeled(300, Dim, labels: 5, seed: 11, id: i => (ulong)(3 * i + 1));
        var collection = await db.CollectionAsync("blocked", rows, metric);
        await collection.DeleteAsync([4, 100, 301]);
        var queries = RandomRows.UnitVectors(20, Dim, seed: 12);

        var blocked = BlockedExactSearch.Run(collection, queries, k: 15, threads: 2, blockRows);
        var whole = LocalEvaluationTarget.Exact(CollectionRows.Read(collection), collection.Settings, queries, 15, threads: 2);

        Assert.Equal(20, blocked.Length);
        for (int q = 0; q < queries.Length / Dim; q++)
        {
            Assert.Equal(whole[q].Select(hit => hit.Id), blocked[q].Select(hit => hit.Id));
            Assert.Equal(whole[q].Select(hit => hit.Score), blocked[q].Select(hit => hit.Score));
            Assert.DoesNotContain(blocked[q], hit => hit.Id is 4 or 100 or 301);
        }
    }

    [Fact]
    public async Task An_empty_collection_gives_no_hits_and_k_above_the_records_gives_them_all()
    {
        await using var db = new TestDatabase();
        var collection = await db.CollectionAsync("few", RandomRows.Labeled(5, Dim, labels: 1, seed: 3));
        var empty = await db.CollectionAsync("empty", RandomRows.Labeled(0, Dim, labels: 1, seed: 3));
        var queries = RandomRows.UnitVectors(2, Dim, seed: 4);

        Assert.All(BlockedExactSearch.Run(empty, queries, k: 10, threads: 1), hits => Assert.Empty(hits));
        Assert.All(BlockedExactSearch.Run(collection, queries, k: 10, threads: 1, blockRows: 2), hits => Assert.Equal(5, hits.Length));
    }
}
