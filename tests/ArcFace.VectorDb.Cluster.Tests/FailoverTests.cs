using System.Collections.Concurrent;
using System.Diagnostics;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Cli.Commands.Bench;
using ArcFace.VectorDb.Testing;
using Grpc.Core;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>
/// A real cluster: redis-server and three `arcvdb serve --cluster` processes on loopback. One silo is killed (-9)
/// while several clients upsert durably; searches come back, every acknowledged point is there with its vector, and
/// the restarted silo gets its shards back.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Dimension = 64;
    private const int Shards = 6;
    private const int BatchSize = 25;
    private static readonly TimeSpan SearchesBackWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killing_a_silo_mid_stream_loses_no_acknowledged_point_and_its_shards_spread_again_after_restart()
    {
        if (RedisProcess.Missing is { } missing)
        {
            output.WriteLine(missing);
            return;
        }
        using var redis = await RedisProcess.StartAsync();
        using var data = new TempDirectory();
        int[] siloPorts = [LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free()];
        int[] grpcPorts = [LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free()];
        var silos = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => SiloProcess.StartAsync(redis.Url, data.Path, siloPorts[i], grpcPorts[i])));
        try
        {
            var (survivor, victim) = (silos[0], silos[2]);
            await survivor.VectorDb.CreateCollectionAsync(new CreateCollectionRequest { Name = "faces", Dimension = Dimension, Shards = Shards });
            await WaitForSpreadAsync(survivor, silos: 3, "before the kill");

            var acknowledged = new ConcurrentDictionary<ulong, float[]>();
            using var stopWriting = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() => WriteAsync(w, [silos[0], silos[1]], acknowledged, stopWriting.Token))).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(3));
            int beforeKill = acknowledged.Count;

            victim.Kill();
            var sinceKill = Stopwatch.StartNew();
            await SearchUntilAnsweredAsync(survivor);
            var back = sinceKill.Elapsed;
            output.WriteLine($"searches answered again {back.TotalSeconds:F1} s after kill -9 of one of 3 silos ({acknowledged.Count - beforeKill} points acknowledged meanwhile)");
            Assert.True(back < SearchesBackWithin, $"searches came back after {back}; survivor's log:\n{survivor.Log}");

            await Task.Delay(TimeSpan.FromSeconds(2));
            await stopWriting.CancelAsync();
            await Task.WhenAll(writers);
            output.WriteLine($"{acknowledged.Count} points acknowledged in all, {beforeKill} before the kill");
            Assert.True(acknowledged.Count > beforeKill, "no write was acknowledged after the kill");
            await AssertAllPresentAsync(silos[1], acknowledged);

            silos[2] = await SiloProcess.StartAsync(redis.Url, data.Path, siloPorts[2], grpcPorts[2]);
            var sinceRestart = Stopwatch.StartNew();
            await WaitForSpreadAsync(survivor, silos: 3, "after the restart");
            output.WriteLine($"shards spread over 3 silos again {sinceRestart.Elapsed.TotalSeconds:F1} s after the restart");
            await AssertAllPresentAsync(silos[2], acknowledged);
        }
        finally
        {
            foreach (var silo in silos)
                silo.Dispose();
        }
    }

    /// <summary>Durable upserts of fresh points in batches, through the given silos in turn, recording what was acknowledged; a refused batch is retried on the next silo.</summary>
    private static async Task WriteAsync(int writer, SiloProcess[] through, ConcurrentDictionary<ulong, float[]> acknowledged, CancellationToken stop)
    {
        var random = new Random(writer);
        ulong next = (ulong)(writer + 1) * 1_000_000;
        for (int attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            var request = new UpsertRequest { Collection = "faces", Wait = true };
            var vectors = new Dictionary<ulong, float[]>();
            for (int i = 0; i < BatchSize; i++)
            {
                var vector = TestVectors.Normalised([.. Enumerable.Range(0, Dimension).Select(_ => (float)random.NextDouble() - 0.5f)]);
                var point = new Point { Id = next + (ulong)i, Label = $"w{writer}" };
                point.Vector.AddRange(vector);
                request.Points.Add(point);
                vectors[point.Id] = vector;
            }
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await through[attempt++ % through.Length].VectorDb.UpsertPointsAsync(request, deadline: DateTime.UtcNow.AddSeconds(30));
                    foreach (var (id, vector) in vectors)
                        acknowledged[id] = vector;
                    next += BatchSize;
                    break;
                }
                catch (RpcException)
                {
                    await Task.Delay(200, CancellationToken.None);
                }
            }
        }
    }

    private static async Task SearchUntilAnsweredAsync(SiloProcess silo)
    {
        var query = new SearchRequest { Collection = "faces", K = 5 };
        query.Vector.AddRange(TestVectors.Normalised([.. Enumerable.Range(0, Dimension).Select(i => (float)Math.Sin(i))]));
        var limit = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var answer = await silo.VectorDb.SearchAsync(query, deadline: DateTime.UtcNow.AddSeconds(10));
                Assert.Equal(5, answer.Hits.Count);
                return;
            }
            catch (RpcException e) when (limit.Elapsed < SearchesBackWithin + TimeSpan.FromSeconds(30) && e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task AssertAllPresentAsync(SiloProcess silo, ConcurrentDictionary<ulong, float[]> acknowledged)
    {
        foreach (var chunk in acknowledged.Keys.Order().Chunk(500))
        {
            var request = new GetRequest { Collection = "faces", WithVectors = true };
            request.Ids.AddRange(chunk);
            var found = (await silo.VectorDb.GetAsync(request)).Points.ToDictionary(point => point.Id);
            foreach (ulong id in chunk)
            {
                Assert.True(found.TryGetValue(id, out var point), $"acknowledged point {id} is missing");
                Assert.Equal(acknowledged[id], point.Vector.ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
            }
        }
        var info = await silo.VectorDb.GetCollectionAsync(new GetCollectionRequest { Name = "faces" });
        Assert.True(info.Count >= (ulong)acknowledged.Count, $"{info.Count} points, {acknowledged.Count} acknowledged");
    }

    /// <summary>Waits until every shard answers and each of <paramref name="silos"/> active silos holds Shards / silos of them.</summary>
    private async Task WaitForSpreadAsync(SiloProcess any, int silos, string when)
    {
        var limit = Stopwatch.StartNew();
        ClusterStatus? status = null;
        while (limit.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                // A read of every shard activates the ones a move deactivated.
                await any.VectorDb.GetCollectionAsync(new GetCollectionRequest { Name = "faces" });
                status = await any.VectorDb.GetClusterStatusAsync(new GetClusterStatusRequest());
                var active = status.Silos.Where(silo => silo.Status == "Active").ToList();
                if (active.Count == silos && active.All(silo => silo.Shards == Shards / silos))
                    return;
            }
            catch (RpcException)
            {
                // A shard is on its way to another silo.
            }
            await Task.Delay(500);
        }
        output.WriteLine(status?.ToString() ?? "no status");
        Assert.Fail($"shards did not spread over {silos} silos {when}: {status}");
    }
}
