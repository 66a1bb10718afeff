using System.Net;
using ArcFace.VectorDb.Protos;
using Google.Protobuf;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>Malformed traffic gets a status that names it, never UNKNOWN or a 500.</summary>
public class ProtocolErrorTests
{
    [Fact]
    public async Task A_truncated_protobuf_message_is_invalid_argument()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("c", 4);
        var whole = new SearchRequest { Collection = "c", K = 1, Vector = { 1, 2, 3, 4 } }.ToByteArray();

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(test.Server.Address, "/arcface.vectordb.v1.VectorDb/Search"))
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = GrpcFrames.Content(whole[..^3]),
        };
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        string status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.GetValues("grpc-status").Single();

        Assert.Equal("3", status);
    }

    [Fact]
    public async Task A_grpc_path_on_the_metrics_port_is_not_found_not_a_server_error()
    {
        await using var test = await TestServer.StartAsync(options => options with { MetricsListen = "127.0.0.1:0" });
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(test.Server.MetricsAddress!, "/arcface.vectordb.v1.VectorDb/Search"), GrpcFrames.Content([]));
        using var metrics = await http.GetAsync(test.Server.MetricsAddress);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }
}
