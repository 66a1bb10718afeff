using ArcFace.VectorDb.Cluster.Evaluation;
using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>Both evaluation jobs over six shards on three silos, against one index over the same points.</summary>
public sealed partial class ShardedCollectionTests
{
    [Fact]
    public async Task Evaluations_over_six_shards_on_three_silos_match_one_index_over_the_same_points()
    {
        using var directory = new TempDirectory();
        await using var single = await ShardedAndSingleAsync("evaluated", directory);
        var sharded = await new ShardedEvaluationTargets(cluster.Collections).ExistingAsync("evaluated");

        var ann = new CollectionAnnSettings { Sample = 200, Efs = [10, 1000] };
        var fanned = CollectionAnnEvaluation.Run(sharded, ann);
        var one = CollectionAnnEvaluation.Run(single, ann);
        Assert.Equal((3000, 200), (fanned.N, fanned.Queries));
        // ef above a shard's size: the fan-out is exhaustive, so against the exact scatter-gather its recall is exactly 1.
        Assert.Equal(1.0, fanned.Runs[1].Recall);
        Assert.True(fanned.Runs[0].Recall >= one.Runs[0].Recall - 0.005, $"recall@10 at ef 10: sharded {fanned.Runs[0].Recall:F4}, one index {one.Runs[0].Recall:F4}");

        var retrieval = new RetrievalSettings { RecallTopK = [1, 5], MapTopK = 10, HnswEf = 1000 };
        var shardedRetrieval = CollectionRetrieval.Evaluate(sharded, null, retrieval);
        var singleRetrieval = CollectionRetrieval.Evaluate(single, null, retrieval);
        Assert.Equal(singleRetrieval.RecallAt, shardedRetrieval.RecallAt);
        Assert.Equal(singleRetrieval.MapAt, shardedRetrieval.MapAt);
        Assert.Equal(shardedRetrieval.RecallAt, shardedRetrieval.Hnsw!.RecallAt);
    }

    [Fact]
    public async Task Retrieval_pages_through_a_shard_larger_than_a_page_and_scores_a_sharded_query_collection_as_one_index()
    {
        using var directory = new TempDirectory();
        // One shard of two full pages and a short one; queries from a collection of their own, on two shards.
        await using var gallery = await ShardedAndSingleAsync("paged", directory, new TestVectors(2 * ShardedCollections.ScanPageSize + 300, Dimension, seed: 3), shards: 1);
        await using var queries = await ShardedAndSingleAsync("paged-queries", directory, new TestVectors(400, Dimension, seed: 4), shards: 2);
        var targets = new ShardedEvaluationTargets(cluster.Collections);
        var settings = new RetrievalSettings { RecallTopK = [1, 5], MapTopK = 10 };

        var shardedOut = CollectionRetrieval.Evaluate(await targets.ExistingAsync("paged"), null, settings);
        var singleOut = CollectionRetrieval.Evaluate(gallery, null, settings);
        var shardedSplit = CollectionRetrieval.Evaluate(await targets.ExistingAsync("paged"), await targets.ExistingAsync("paged-queries"), settings);
        var singleSplit = CollectionRetrieval.Evaluate(gallery, queries, settings);

        Assert.Equal((2 * ShardedCollections.ScanPageSize + 300, 400), (shardedOut.Queries, shardedSplit.Queries));
        foreach (var (sharded, single) in new[] { (shardedOut, singleOut), (shardedSplit, singleSplit) })
        {
            Assert.Equal(single.RecallAt, sharded.RecallAt);
            Assert.Equal(single.MapAt, sharded.MapAt);
            Assert.Equal(single.Rank1, sharded.Rank1);
        }
        Assert.InRange(shardedOut.RecallAt["5"], 10, 100);
    }

    [Fact]
    public async Task The_ann_sample_of_six_shards_is_the_one_index_s_sample_read_point_by_point()
    {
        using var directory = new TempDirectory();
        await using var single = await ShardedAndSingleAsync("sampled", directory);
        var sharded = await new ShardedEvaluationTargets(cluster.Collections).ExistingAsync("sampled");
        var local = new LocalEvaluationTarget(single);

        var fromShards = sharded.Sample(150, 7, CancellationToken.None);
        var fromOne = local.Sample(150, 7, CancellationToken.None);
        Assert.Equal((3000, 150 * Dimension), (fromShards.Live, fromShards.Vectors.Length));
        Assert.Equal(fromOne.Live, fromShards.Live);
        Assert.Equal(fromOne.Vectors, fromShards.Vectors);
        Assert.NotEqual(fromShards.Vectors, sharded.Sample(150, 8, CancellationToken.None).Vectors);

        // A listing follows deletes: the live count drops and a sample larger than the collection takes every point once.
        await cluster.Collections.DeleteAsync("sampled", [1, 2, 3], wait: true);
        var all = sharded.Sample(5000, 7, CancellationToken.None);
        Assert.Equal(2997, all.Live);
        Assert.Equal(2997 * Dimension, all.Vectors.Length);
    }
}
