using ArcFace.VectorDb.Cluster.Catalog;
using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;
using Grpc.Core;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>Sharded collections on three in-process silos: the same answers as one index over the same points.</summary>
public sealed partial class ShardedCollectionTests(ThreeSiloCluster cluster) : IClassFixture<ThreeSiloCluster>
{
    private const int Dimension = 32;
    private static readonly TestVectors Vectors = new(3000, Dimension, seed: 7);

    [Fact]
    public async Task Six_shards_on_three_silos_answer_as_one_index_over_the_same_points()
    {
        var collections = cluster.Collections;
        using var directory = new TempDirectory();
        await using var single = await ShardedAndSingleAsync("same-answers", directory);

        var info = await collections.DescribeAsync("same-answers");
        Assert.Equal((ulong)Vectors.Rows.Length, info.Count);
        Assert.Equal(6u, info.Shards);
        var stats = await collections.StatsAsync("same-answers");
        Assert.Equal(3, stats.Select(shard => shard.Silo).Distinct().Count());
        Assert.All(stats, shard => Assert.InRange(shard.Points, 400, 600));

        var queries = Queries(100);
        // ef above a shard's size: every shard's search is exhaustive, so the merged top 10 is the exact one.
        var exhaustive = await collections.SearchAsync("same-answers", Batch(queries, k: 10, ef: 1000));
        for (int q = 0; q < queries.Length; q++)
            Assert.Equal(Vectors.ExactTopK(queries[q], 10), exhaustive[q].Hits.Select(hit => hit.Id));

        const int lowEf = 10;
        var sharded = await collections.SearchAsync("same-answers", Batch(queries, k: 10, ef: lowEf));
        double shardedRecall = queries.Select((query, q) => Recall(Vectors.ExactTopK(query, 10), sharded[q].Hits.Select(hit => hit.Id))).Average();
        double singleRecall = queries.Select(query => Recall(Vectors.ExactTopK(query, 10), single.Search(query, 10, lowEf).Select(hit => hit.Id))).Average();
        Assert.True(shardedRecall >= singleRecall - 0.005, $"recall@10 at ef {lowEf}: sharded {shardedRecall:F4}, one index {singleRecall:F4}");
    }

    [Fact]
    public async Task Filters_deletes_and_gets_reach_every_shard()
    {
        var collections = cluster.Collections;
        collections.Create(Settings("points"), shards: 5);
        await UpsertAllAsync(collections, "points");
        var queries = Queries(20);

        var batch = Batch(queries, k: 10, ef: 1000);
        foreach (var search in batch.Searches)
            search.Filter = new Filter { Labels = { "L2" } };
        var filtered = await collections.SearchAsync("points", batch);
        for (int q = 0; q < queries.Length; q++)
        {
            Assert.All(filtered[q].Hits, hit => Assert.Equal("L2", hit.Label));
            Assert.Equal(Vectors.ExactTopK(queries[q], 10, "L2"), filtered[q].Hits.Select(hit => hit.Id));
        }

        ulong[] deleted = [.. Enumerable.Range(1, 100).Select(i => (ulong)i * 7)];
        Assert.Equal(100, await collections.DeleteAsync("points", deleted, wait: true));
        Assert.Equal((ulong)(Vectors.Rows.Length - 100), (await collections.DescribeAsync("points")).Count);
        var after = await collections.SearchAsync("points", Batch([.. deleted.Take(20).Select(id => Vectors.Rows[id - 1])], k: 10, ef: 1000));
        Assert.All(after, result => Assert.DoesNotContain(result.Hits, hit => deleted.Contains(hit.Id)));

        ulong[] asked = [9, 7, 3000, 5, 99_999, 14];
        var points = await collections.GetAsync("points", asked, withVectors: true);
        Assert.Equal([9ul, 3000, 5], points.Select(point => point.Id));
        foreach (var point in points)
        {
            Assert.Equal(Vectors.Point((int)point.Id - 1).Label, point.Label);
            Assert.Equal(Vectors.Rows[point.Id - 1], point.Vector.ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
        }
    }

    [Fact]
    public async Task A_dropped_collection_is_gone_everywhere_and_its_name_can_be_created_again()
    {
        var collections = cluster.Collections;
        // A second silo's view, which read the collection before the drop and keeps it cached.
        var otherSilo = new ShardedCollections(cluster.Cluster.GrainFactory, new ClusterCatalog(cluster.DataDirectory));
        collections.Create(Settings("again"), shards: 3);
        await UpsertAllAsync(collections, "again");
        Assert.Equal((ulong)Vectors.Rows.Length, (await otherSilo.DescribeAsync("again")).Count);

        Assert.True(await collections.DropAsync("again"));
        Assert.False(await collections.DropAsync("again"));
        await Assert.ThrowsAsync<CollectionNotFoundException>(() => collections.DescribeAsync("again"));
        Assert.False(Directory.EnumerateDirectories(Path.Combine(cluster.DataDirectory, "shards"), "again-*").Any());

        collections.Create(Settings("again") with { Dimension = 8 }, shards: 2);
        var point = new Point { Id = 42, Label = "new" };
        point.Vector.AddRange(TestVectors.Normalised([1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Equal(1, await otherSilo.UpsertAsync("again", new UpsertRequest { Points = { point }, Wait = true }));
        var info = await otherSilo.DescribeAsync("again");
        Assert.Equal((1ul, 8u, 2u), (info.Count, info.Dimension, info.Shards));
    }

    [Fact]
    public async Task Of_two_silos_creating_one_name_exactly_one_succeeds()
    {
        var first = new ClusterCatalog(cluster.DataDirectory);
        var second = new ClusterCatalog(cluster.DataDirectory);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            try
            {
                (i % 2 == 0 ? first : second).Create(Settings("race"), shards: 2);
                return true;
            }
            catch (CollectionExistsException)
            {
                return false;
            }
        })));
        Assert.Equal(1, outcomes.Count(won => won));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_wrong_dimension_is_invalid_argument_from_the_shards()
    {
        var collections = cluster.Collections;
        collections.Create(Settings("dims"), shards: 2);
        var point = new Point { Id = 1 };
        point.Vector.AddRange([1f, 0f, 0f]);
        var error = await Assert.ThrowsAsync<ShardCallException>(() => collections.UpsertAsync("dims", new UpsertRequest { Points = { point }, Wait = true }));
        Assert.Equal(StatusCode.InvalidArgument, error.Code);
        Assert.Contains("32", error.Message, StringComparison.Ordinal);
    }

    private static CollectionSettings Settings(string name) => new() { Name = name, Dimension = Dimension };

    /// <summary>
    /// Creates <paramref name="name"/> with <paramref name="shards"/> shards on the cluster and as one collection under
    /// <paramref name="directory"/>, both holding every point of <paramref name="points"/> (the test points when null).
    /// </summary>
    private async Task<VectorCollection> ShardedAndSingleAsync(string name, TempDirectory directory, TestVectors? points = null, int shards = 6)
    {
        points ??= Vectors;
        cluster.Collections.Create(Settings(name), shards);
        await UpsertAllAsync(cluster.Collections, name, points);
        var single = VectorCollection.Create(directory.File(name), Settings(name));
        await single.UpsertAsync([.. Enumerable.Range(0, points.Rows.Length).Select(i => LogRecord.Upsert((ulong)i + 1, points.Rows[i], $"L{i % 5}", $"row-{i}", []))]);
        return single;
    }

    private static async Task UpsertAllAsync(ShardedCollections collections, string name, TestVectors? points = null)
    {
        points ??= Vectors;
        for (int start = 0; start < points.Rows.Length; start += 500)
        {
            var request = new UpsertRequest { Collection = name, Wait = true };
            request.Points.AddRange(Enumerable.Range(start, Math.Min(500, points.Rows.Length - start)).Select(points.Point));
            Assert.Equal(request.Points.Count, await collections.UpsertAsync(name, request));
        }
    }

    private static float[][] Queries(int count)
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, count).Select(_ => TestVectors.Normalised([.. Vectors.Rows[random.Next(Vectors.Rows.Length)].Select(x => x + (float)(random.NextDouble() - 0.5) * 0.2f)]))];
    }

    private static SearchBatchRequest Batch(float[][] queries, int k, int ef)
    {
        var batch = new SearchBatchRequest();
        foreach (var query in queries)
        {
            var search = new SearchRequest { K = (uint)k, Ef = (uint)ef };
            search.Vector.AddRange(query);
            batch.Searches.Add(search);
        }
        return batch;
    }

    private static double Recall(ulong[] exact, IEnumerable<ulong> found) => found.Count(exact.Contains) / (double)exact.Length;
}
