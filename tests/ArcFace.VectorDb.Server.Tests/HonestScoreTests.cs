using ArcFace.VectorDb.Protos;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>Scores mean what the proto says under every metric, and a cosine query is normalised as exactly as an upsert.</summary>
public class HonestScoreTests
{
    private static Point At(ulong id, params float[] vector)
    {
        var point = new Point { Id = id, Label = $"p{id}" };
        point.Vector.AddRange(vector);
        return point;
    }

    private static async Task<SearchResponse> SearchAsync(TestServer test, string collection, params float[] query)
    {
        var request = new SearchRequest { Collection = collection, K = 3 };
        request.Vector.AddRange(query);
        return await test.Client.SearchAsync(request);
    }

    [Fact]
    public async Task An_L2_score_is_the_negated_squared_distance_so_the_nearest_has_the_highest_score()
    {
        await using var test = await TestServer.StartAsync();
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "l2", Dimension = 2, Metric = Metric.L2 });
        await test.UpsertAsync("l2", [At(1, 0, 0), At(2, 1, 0), At(3, 3, 0)]);

        var hits = (await SearchAsync(test, "l2", 0, 0)).Hits;

        Assert.Equal([(1ul, 0f), (2ul, -1f), (3ul, -9f)], hits.Select(h => (h.Id, h.Score)));
    }

    [Theory]
    [InlineData(3e38f)]
    [InlineData(1e-30f)]
    public async Task A_cosine_query_of_any_magnitude_is_scored_as_its_direction(float magnitude)
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("cos", 2);
        await test.UpsertAsync("cos", [At(1, 1, 0), At(2, -1, 0)]);

        var hits = (await SearchAsync(test, "cos", magnitude, magnitude)).Hits;

        Assert.Equal(1ul, hits[0].Id);
        Assert.Equal(MathF.Sqrt(0.5f), hits[0].Score, 1e-5f);
        Assert.Equal(-MathF.Sqrt(0.5f), hits[1].Score, 1e-5f);
    }

    [Fact]
    public async Task A_cosine_query_with_no_direction_is_refused_as_an_upsert_is()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("cos", 2);
        await test.UpsertAsync("cos", [At(1, 1, 0)]);

        var query = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(test, "cos", 0, 0));
        var upsert = await Assert.ThrowsAsync<RpcException>(() => test.UpsertAsync("cos", [At(2, 0, 0)]));

        Assert.Equal(StatusCode.InvalidArgument, query.StatusCode);
        Assert.Contains("zero, so it has no direction", query.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, upsert.StatusCode);
    }
}
