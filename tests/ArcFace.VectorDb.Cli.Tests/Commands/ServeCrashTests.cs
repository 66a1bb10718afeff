using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ArcFace.VectorDb.Protos;
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
        int port = FreePort();
        var acknowledged = new List<Point>();
        using (var server = await StartServerAsync(db, port))
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

        using var restarted = await StartServerAsync(db, port);
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

    private static async Task<Process> StartServerAsync(string db, int port)
    {
        var process = ArcvdbProcess.Start("serve", "--db", db, "--create", "--listen", $"127.0.0.1:{port}");
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("serving ", StringComparison.Ordinal))
            {
                // Keep reading what the server logs (a line per call), so a full pipe never blocks it.
                _ = process.StandardError.ReadToEndAsync();
                _ = process.StandardOutput.ReadToEndAsync();
                return process;
            }
        }
        throw new InvalidOperationException($"arcvdb serve exited with {process.ExitCode} before it served.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
