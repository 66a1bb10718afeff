using ArcFace.VectorDb.Protos;
using Grpc.Core;
using static ArcFace.VectorDb.Server.Tests.TestServer;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>Quantised collections through gRPC: created with a quantisation, searched with an oversampling, described and measured.</summary>
public class QuantizedCollectionServiceTests
{
    private const int Dim = 32;

    [Theory]
    [InlineData(Quantization.Int8)]
    [InlineData(Quantization.Binary)]
    public async Task A_quantised_collection_answers_with_exact_scores_and_reports_its_memory_and_re_rank_file_apart(Quantization quantization)
    {
        await using var test = await TestServer.StartAsync(o => o with { MetricsListen = "127.0.0.1:0" });
        var created = await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "q", Dimension = Dim, Metric = Metric.InnerProduct, Quantization = quantization });
        var points = Enumerable.Range(1, 600).Select(i => Point((ulong)i, Dim, i % 2 == 0 ? "even" : "odd")).ToList();
        await test.UpsertAsync("q", points);

        var probe = points[41];
        var request = new SearchRequest { Collection = "q", K = 5, Ef = 100, Oversampling = 8, Filter = new Filter { Labels = { "even" } } };
        request.Vector.AddRange(probe.Vector);
        var hits = (await test.Client.SearchAsync(request)).Hits;
        var info = await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "q" });

        Assert.Equal(quantization, created.Quantization);
        Assert.Equal(probe.Id, hits[0].Id);
        Assert.All(hits, hit => Assert.Equal("even", hit.Label));
        foreach (var hit in hits)
        {
            var stored = points[(int)hit.Id - 1].Vector;
            Assert.Equal(probe.Vector.Zip(stored).Sum(p => (double)p.First * p.Second), hit.Score, 1e-4);
        }
        Assert.Equal(quantization, info.Quantization);
        Assert.True(info.RerankBytes >= 600UL * Dim * sizeof(float), $"re-rank file {info.RerankBytes} bytes");
        Assert.True(info.IndexMemoryBytes > 0);

        using var http = new HttpClient();
        var metrics = (await http.GetStringAsync(new Uri(test.Server.MetricsAddress!, "/metrics"))).Split('\n');
        string name = quantization.ToString().ToLowerInvariant();
        Assert.Contains($"arcvdb_collection_quantization{{collection=\"q\",quantization=\"{name}\"}} 1", metrics);
        Assert.Contains(metrics, line => line.StartsWith($"arcvdb_collection_rerank_bytes{{collection=\"q\"}} {info.RerankBytes}", StringComparison.Ordinal));
        Assert.Contains(metrics, line => line.StartsWith("arcvdb_collection_index_memory_bytes{collection=\"q\"} ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(101f)]
    [InlineData(float.NaN)]
    public async Task An_oversampling_outside_1_to_100_is_INVALID_ARGUMENT(float oversampling)
    {
        await using var test = await TestServer.StartAsync();
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "q", Dimension = Dim, Quantization = Quantization.Int8 });
        await test.UpsertAsync("q", [Point(1, Dim)]);
        var request = new SearchRequest { Collection = "q", K = 1, Oversampling = oversampling };
        request.Vector.AddRange(Point(1, Dim).Vector);

        var error = await Assert.ThrowsAsync<RpcException>(() => test.Client.SearchAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("oversampling", error.Status.Detail);
    }

    [Fact]
    public async Task An_unquantised_collection_says_none_and_has_no_re_rank_file()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("plain", Dim);
        await test.UpsertAsync("plain", [Point(1, Dim), Point(2, Dim)]);

        var info = await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "plain" });

        Assert.Equal(Quantization.None, info.Quantization);
        Assert.Equal(0UL, info.RerankBytes);
        Assert.True(info.IndexMemoryBytes > 0);
    }
}
