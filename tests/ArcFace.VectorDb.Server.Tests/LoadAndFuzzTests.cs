using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>Concurrent writers and searchers, and a fuzz of malformed requests, against one live server.</summary>
public class LoadAndFuzzTests
{
    private const int Dim = 12;

    [Fact]
    public async Task Concurrent_writers_and_searchers_see_no_error_and_end_with_a_consistent_count()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("c", Dim);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        int searches = 0;

        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            int written = 0;
            for (ulong next = (ulong)w * 1_000_000; !stop.IsCancellationRequested; next += 20)
            {
                await test.UpsertAsync("c", Enumerable.Range(0, 20).Select(i => TestServer.Point(next + (ulong)i, Dim)));
                written += 20;
            }
            return written;
        })).ToArray();
        var searchers = Enumerable.Range(0, 3).Select(s => Task.Run(async () =>
        {
            for (int q = 0; !stop.IsCancellationRequested; q++)
            {
                var response = await test.Client.SearchAsync(new SearchRequest { Collection = "c", Vector = { TestServer.Point((ulong)(q + 7_000_000 * s), Dim).Vector }, K = 5 });
                Assert.True(response.Hits.Count <= 5);
                Interlocked.Increment(ref searches);
            }
        })).ToArray();
        await Task.WhenAll(searchers);
        int total = (await Task.WhenAll(writers)).Sum();

        var info = await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "c" });
        Assert.Equal((ulong)total, info.Count);
        Assert.True(searches > 100, $"only {searches} searches ran");
    }

    [Fact]
    public async Task A_thousand_malformed_requests_leave_the_server_healthy_and_earlier_data_intact()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("c", Dim);
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "img", Model = "fashion-mnist-arcface.onnx" });
        var originals = Enumerable.Range(1, 30).Select(i => TestServer.Point((ulong)i, Dim)).ToList();
        await test.UpsertAsync("c", originals);
        var before = await test.Client.GetAsync(new GetRequest { Collection = "c", Ids = { originals.Select(p => p.Id) }, WithVectors = true });
        var random = new Random(1234);
        var codes = new Dictionary<StatusCode, int>();

        for (int i = 0; i < 1000; i++)
        {
            try
            {
                await RandomMalformedCall(test, random);
                codes[StatusCode.OK] = codes.GetValueOrDefault(StatusCode.OK) + 1;
            }
            catch (RpcException e)
            {
                Assert.NotEqual(StatusCode.Unknown, e.StatusCode);
                Assert.NotEqual(StatusCode.Internal, e.StatusCode);
                codes[e.StatusCode] = codes.GetValueOrDefault(e.StatusCode) + 1;
            }
        }

        var health = await test.Health.CheckAsync(new HealthCheckRequest());
        var after = await test.Client.GetAsync(new GetRequest { Collection = "c", Ids = { originals.Select(p => p.Id) }, WithVectors = true });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(before.Points, after.Points);
        Assert.Equal(0ul, (await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "img" })).Count);
        Assert.True(codes.GetValueOrDefault(StatusCode.InvalidArgument) > 500, string.Join(", ", codes.Select(c => $"{c.Key}={c.Value}")));
    }

    private static async Task RandomMalformedCall(TestServer test, Random random)
    {
        string collection = random.Next(4) switch { 0 => "nope", 1 => "", 2 => "img", _ => "c" };
        var vector = Enumerable.Range(0, random.Next(4) == 0 ? Dim : random.Next(0, 40)).Select(_ => random.Next(10) == 0 ? float.NaN : (float)random.NextDouble()).ToArray();
        switch (random.Next(7))
        {
            case 0:
                await test.Client.SearchAsync(new SearchRequest { Collection = collection, Vector = { vector }, K = (uint)random.Next(-5, 20_000), Ef = (uint)random.Next(0, 200_000) });
                break;
            case 1:
                var bytes = new byte[random.Next(0, 4096)];
                random.NextBytes(bytes);
                await test.Client.SearchByImageAsync(new SearchByImageRequest { Collection = collection, Image = ByteString.CopyFrom(bytes), K = 5 });
                break;
            case 2:
                // Malformed points: wrong dimensions or NaN in a new id range, never touching the originals' ids with a valid vector.
                var point = new Point { Id = 1_000_000 + (ulong)random.Next(1000), Vector = { vector } };
                if (vector.Length == Dim && vector.All(float.IsFinite))
                    point.Vector[0] = float.PositiveInfinity;
                await test.UpsertAsync(collection, [point]);
                break;
            case 3:
                await test.Client.GetAsync(new GetRequest { Collection = collection, Ids = { (ulong)random.NextInt64() } });
                break;
            case 5:
                // Random bytes streamed as images: each one is reported unusable, none is stored.
                using (var ingest = test.Client.IngestImages())
                {
                    var junk = Enumerable.Range(0, random.Next(1, 4)).Select(_ => new byte[random.Next(0, 2048)]).ToArray();
                    var requests = junk.Select(bytes =>
                    {
                        random.NextBytes(bytes);
                        return new IngestImagesRequest { Collection = collection, Name = $"junk-{random.Next()}", Image = ByteString.CopyFrom(bytes) };
                    }).ToArray();
                    var reading = Task.Run(async () =>
                    {
                        await foreach (var response in ingest.ResponseStream.ReadAllAsync())
                            Assert.True(response.Summary is null || response.Summary.Ingested == 0);
                        return true;
                    });
                    await ClientStreams.SendAllAsync(ingest.RequestStream, requests, reading);
                }
                break;
            case 6:
                await test.Evaluation.StartRetrievalEvaluationAsync(new RetrievalEvaluationRequest { GalleryCollection = collection, Topk = { (uint)random.Next(0, 100) }, Ef = (uint)random.Next(0, 3) });
                break;
            default:
                await test.Client.SearchBatchAsync(new SearchBatchRequest { Searches = { new SearchRequest { Collection = collection, Vector = { vector }, K = 0 } } });
                break;
        }
    }
}
