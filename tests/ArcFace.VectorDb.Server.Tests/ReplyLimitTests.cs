using System.Net;
using ArcFace.VectorDb.Protos;
using Google.Protobuf;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>What one call may hold: replies are capped below the request limit, and a client that stops reading is dropped.</summary>
public class ReplyLimitTests
{
    private const int Dim = 512;

    [Fact]
    public async Task A_get_whose_reply_would_pass_the_limit_is_resource_exhausted_and_says_how_to_ask_for_less()
    {
        await using var test = await TestServer.StartAsync(options => options with { MaxResponseBytes = 1 << 20 });
        await test.CreateAsync("c", Dim);
        await test.UpsertAsync("c", Enumerable.Range(0, 1000).Select(i => TestServer.Point((ulong)i, Dim)));
        var all = new GetRequest { Collection = "c", Ids = { Enumerable.Range(0, 1000).Select(i => (ulong)i) } };

        var withVectors = await Assert.ThrowsAsync<RpcException>(() => test.Client.GetAsync(new GetRequest(all) { WithVectors = true }).ResponseAsync);
        var withoutVectors = await test.Client.GetAsync(all);

        Assert.Equal(StatusCode.ResourceExhausted, withVectors.StatusCode);
        Assert.Contains("leave out the vectors", withVectors.Status.Detail);
        Assert.Equal(1000, withoutVectors.Points.Count);
    }

    [Fact]
    public async Task A_stop_with_a_client_that_never_reads_its_reply_ends_after_the_shutdown_timeout()
    {
        var test = await TestServer.StartAsync(options => options with { ShutdownTimeout = TimeSpan.FromSeconds(1) });
        await test.CreateAsync("c", Dim);
        await test.UpsertAsync("c", Enumerable.Range(0, 2000).Select(i => TestServer.Point((ulong)i, Dim)));
        var get = new GetRequest { Collection = "c", WithVectors = true, Ids = { Enumerable.Range(0, 2000).Select(i => (ulong)i) } };
        using var http = new HttpClient(new SocketsHttpHandler { InitialHttp2StreamWindowSize = 65535 });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(test.Server.Address, "/arcface.vectordb.v1.VectorDb/Get"))
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = GrpcFrames.Content(get.ToByteArray()),
        };
        // The reply (about 4 MB) waits on a 64 KiB window the client never opens.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await test.DisposeAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"the stop took {stopping.Elapsed.TotalSeconds:F1} s");
    }
}
