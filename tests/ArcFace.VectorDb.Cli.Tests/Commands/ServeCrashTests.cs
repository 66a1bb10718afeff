using System.Diagnostics;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Cli.Commands.Bench;
using ArcFace.VectorDb.Testing;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`arcvdb serve` killed with SIGKILL after durable upserts: the restarted server returns every acknowledged point.</summary>
public class ServeCrashTests
{
    private const int Dim = 32;

    [Fact]
    public async Task Every_point_acknowledged_durably_before_a_kill_9_is_served_after_a_restart()
    {
        using var dir = new TempDirectory();
        string db = dir.File("db");
        int port = LoopbackPort.Free();
        var acknowledged = new List<Point>();
        using (var server = await ServeProcess.StartAsync(db, port))
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            var client = new Protos.VectorDb.VectorDbClient(channel);
            await client.CreateCollectionAsync(new CreateCollectionRequest { Name = "c", Dimension = Dim });
            var random = new Random(5);
            for (int batch = 0; batch < 20; batch++)
            {
                var request = new UpsertRequest { Collection = "c", Wait = true };
                for (int i = 0; i < 50; i++)
                {
                    var point = new Point { Id = (ulong)(batch * 50 + i), Label = $"b{batch}" };
                    point.Vector.AddRange(Enumerable.Range(0, Dim).Select(_ => (float)random.NextDouble() + 0.01f));
                    request.Points.Add(point);
                }
                using var call = client.Upsert();
                await call.RequestStream.WriteAsync(request);
                await call.RequestStream.CompleteAsync();
                await call;
                acknowledged.AddRange(request.Points);
            }
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        using var restarted = await ServeProcess.StartAsync(db, port);
        try
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            var client = new Protos.VectorDb.VectorDbClient(channel);
            var got = await client.GetAsync(new GetRequest { Collection = "c", Ids = { acknowledged.Select(p => p.Id) }, WithVectors = true });
            Assert.Equal(acknowledged.Count, got.Points.Count);
            foreach (var (sent, stored) in acknowledged.Zip(got.Points))
            {
                float norm = MathF.Sqrt(sent.Vector.Sum(v => v * v));
                Assert.Equal((sent.Id, sent.Label), (stored.Id, stored.Label));
                Assert.Equal(sent.Vector.Select(v => v / norm), stored.Vector, (a, b) => Math.Abs(a - b) < 1e-6);
            }
        }
        finally
        {
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }
    }
}
