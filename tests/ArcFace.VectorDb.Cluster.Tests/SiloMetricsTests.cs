using ArcFace.VectorDb.Cluster.Hosting;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Cli.Commands.Bench;
using ArcFace.VectorDb.Testing;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>A silo's /metrics: the collection gauges of a single node, summed over shards, and a gauge per shard active on it.</summary>
public sealed class SiloMetricsTests
{
    [Fact]
    public async Task Metrics_carry_each_shards_points_and_lease_with_collection_and_shard_labels_and_forget_dropped_shards()
    {
        using var folder = new TempDirectory();
        await using var silo = await ClusterServer.StartAsync(new ServerOptions { Listen = "127.0.0.1:0", DatabasePath = "", MetricsListen = "127.0.0.1:0" },
            new ClusterServeOptions { Redis = null, DataDirectory = folder.File("data"), SiloPort = LoopbackPort.Free() });
        using var channel = GrpcChannel.ForAddress(silo.Address);
        var client = new Protos.VectorDb.VectorDbClient(channel);
        await client.CreateCollectionAsync(new CreateCollectionRequest { Name = "m", Dimension = 4, Shards = 3 });
        var upsert = new UpsertRequest { Collection = "m", Wait = true };
        for (uint id = 1; id <= 30; id++)
        {
            var point = new Point { Id = id };
            point.Vector.AddRange([1f, id, 0.5f, -id]);
            upsert.Points.Add(point);
        }
        await client.UpsertPointsAsync(upsert);

        using var http = new HttpClient();
        string[] lines = (await http.GetStringAsync(silo.MetricsAddress)).Split('\n');
        var shardPoints = lines.Where(line => line.StartsWith("arcvdb_shard_points{", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, shardPoints.Count);
        Assert.All(shardPoints, line => Assert.Contains("collection=\"m\"", line, StringComparison.Ordinal));
        Assert.Equal(30, shardPoints.Sum(line => int.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(lines, line => line.StartsWith("arcvdb_collection_points{collection=\"m\"} 30", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(line => line.StartsWith("arcvdb_shard_lease_epoch{", StringComparison.Ordinal)));

        await client.DropCollectionAsync(new DropCollectionRequest { Name = "m" });
        lines = (await http.GetStringAsync(silo.MetricsAddress)).Split('\n');
        Assert.DoesNotContain(lines, line => line.StartsWith("arcvdb_shard_points{", StringComparison.Ordinal));
        var status = await client.GetClusterStatusAsync(new GetClusterStatusRequest());
        Assert.Empty(status.Collections);
        Assert.Equal(("Active", 0u), (Assert.Single(status.Silos).Status, status.Silos[0].Shards));
    }
}
