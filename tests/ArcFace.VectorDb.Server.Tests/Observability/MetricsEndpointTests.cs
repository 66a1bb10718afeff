using System.Globalization;
using System.Net;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using static ArcFace.VectorDb.Server.Tests.TestServer;

namespace ArcFace.VectorDb.Server.Tests.Observability;

/// <summary>`serve --metrics-listen`: a real server, real calls of every shape, and /metrics scraped over HTTP/1.1.</summary>
public class MetricsEndpointTests
{
    private const string Key = "metrics-key-0123456789abcdef";
    private const string VectorDb = "/arcface.vectordb.v1.VectorDb/";
    private const string Watch = "/grpc.health.v1.Health/Watch";

    [Fact]
    public async Task Metrics_port_counts_calls_of_every_shape_by_method_and_code_and_reports_collections_while_the_gRPC_port_serves_no_metrics()
    {
        await using var test = await TestServer.StartAsync(o => WithApiKeys(o, Key) with { MetricsListen = "127.0.0.1:0" });
        var key = Bearer(Key);
        await test.CreateAsync("faces", 4, key);
        await test.UpsertAsync("faces", [Point(1, 4), Point(2, 4), Point(3, 4)], key);
        for (int i = 0; i < 2; i++)
            await test.Client.SearchAsync(new SearchRequest { Collection = "faces", Vector = { 1, 0, 0, 0 }, K = 2 }, key);
        var missing = await Assert.ThrowsAsync<RpcException>(() => test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "missing" }, key).ResponseAsync);
        var wrongKey = await Assert.ThrowsAsync<RpcException>(() => test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "faces" }, Bearer("wrong-0123456789abcdef")).ResponseAsync);
        await ListServicesAsync(test.Server.Address, key);
        await WatchThenCancelAsync(test);

        using var http = new HttpClient();
        var lines = await ScrapeUntilAsync(http, test.Server.MetricsAddress!, Requests(Watch, "CANCELLED", 1));
        using var onGrpcPort = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(test.Server.Address, "/metrics"))
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

        Assert.Equal((StatusCode.NotFound, StatusCode.Unauthenticated), (missing.StatusCode, wrongKey.StatusCode));
        string[] requests =
        [
            Requests(VectorDb + "CreateCollection", "OK", 1), Requests(VectorDb + "Upsert", "OK", 1), Requests(VectorDb + "Search", "OK", 2),
            Requests(VectorDb + "GetCollection", "NOT_FOUND", 1), Requests(VectorDb + "GetCollection", "UNAUTHENTICATED", 1),
            Requests("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", "OK", 1), Requests(Watch, "CANCELLED", 1),
        ];
        Assert.Equal(requests.Order(), lines.Where(line => line.StartsWith("arcvdb_grpc_requests_total{", StringComparison.Ordinal)).Order());
        Assert.Contains($"arcvdb_grpc_request_duration_seconds_count{{method=\"{VectorDb}GetCollection\"}} 2", lines);
        Assert.Contains($"arcvdb_grpc_request_duration_seconds_count{{method=\"{VectorDb}Search\"}} 2", lines);
        Assert.Contains($"arcvdb_grpc_request_duration_seconds_bucket{{method=\"{VectorDb}Search\",le=\"10\"}} 2", lines);
        Assert.Contains("arcvdb_collection_points{collection=\"faces\"} 3", lines);
        Assert.Contains("arcvdb_points_written_total{collection=\"faces\"} 3", lines);
        string diskBytes = Assert.Single(lines, line => line.StartsWith("arcvdb_collection_disk_bytes{collection=\"faces\"} ", StringComparison.Ordinal));
        Assert.True(double.Parse(diskBytes.Split(' ')[1], CultureInfo.InvariantCulture) > 0, diskBytes);
        Assert.Equal(HttpStatusCode.NotFound, onGrpcPort.StatusCode);
    }

    [Fact]
    public async Task Metrics_listen_needs_a_port_of_its_own_and_plain_text_only_on_loopback()
    {
        using var directory = new TempDirectory();
        var options = new ServerOptions { DatabasePath = directory.File("db"), CreateDatabase = true, Listen = "127.0.0.1:50999" };

        var samePort = await Assert.ThrowsAsync<ArgumentException>(() => VectorDbServer.StartAsync(options with { MetricsListen = "127.0.0.1:50999" }));
        var open = await Assert.ThrowsAsync<ArgumentException>(() => VectorDbServer.StartAsync(options with { MetricsListen = "0.0.0.0:0" }));

        Assert.Contains("port of its own", samePort.Message);
        Assert.Contains("Refusing plain text on 0.0.0.0:0", open.Message);
    }

    private static string Requests(string method, string code, int count) => $"arcvdb_grpc_requests_total{{method=\"{method}\",code=\"{code}\"}} {count}";

    /// <summary>A duplex call: server reflection's ListServices.</summary>
    private static async Task ListServicesAsync(Uri address, Metadata key)
    {
        using var channel = GrpcChannel.ForAddress(address);
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(key);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
        }
    }

    /// <summary>A server-streaming call the client cancels after its first message: health's Watch.</summary>
    private static async Task WatchThenCancelAsync(TestServer test)
    {
        using var cancellation = new CancellationTokenSource();
        using var watch = test.Health.Watch(new HealthCheckRequest(), cancellationToken: cancellation.Token);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        await cancellation.CancelAsync();
    }

    /// <summary>Scrapes until <paramref name="awaited"/> shows (a cancelled call ends on the server a moment after the client lets go).</summary>
    private static async Task<string[]> ScrapeUntilAsync(HttpClient http, Uri metrics, string awaited)
    {
        for (int attempt = 0; ; attempt++)
        {
            var lines = (await http.GetStringAsync(metrics)).Split('\n');
            if (lines.Contains(awaited) || attempt == 100)
                return lines;
            await Task.Delay(50);
        }
    }
}
