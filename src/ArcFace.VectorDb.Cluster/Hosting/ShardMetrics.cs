using System.Globalization;
using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Server.Observability;
using Prometheus;

namespace ArcFace.VectorDb.Cluster.Hosting;

/// <summary>Per-shard gauges of the shards active on this silo, labelled by collection and shard, in the server's registry (read at scrape time).</summary>
internal sealed class ShardMetrics
{
    private readonly LocalShards shards;
    private readonly Gauge points;
    private readonly Gauge diskBytes;
    private readonly Gauge indexMemoryBytes;
    private readonly Gauge leaseEpoch;

    /// <summary>Adds the gauges to <paramref name="metrics"/>' registry.</summary>
    public ShardMetrics(ServerMetrics metrics, LocalShards shards)
    {
        this.shards = shards;
        var factory = Metrics.WithCustomRegistry(metrics.Registry);
        string[] labels = ["collection", "shard"];
        points = factory.CreateGauge("arcvdb_shard_points", "Points in each shard active on this silo.", labels);
        diskBytes = factory.CreateGauge("arcvdb_shard_disk_bytes", "Bytes each shard active on this silo takes on the shared storage.", labels);
        indexMemoryBytes = factory.CreateGauge("arcvdb_shard_index_memory_bytes", "Bytes the index of each shard active on this silo holds in memory.", labels);
        leaseEpoch = factory.CreateGauge("arcvdb_shard_lease_epoch", "The lease epoch each shard active on this silo writes under.", labels);
        metrics.Registry.AddBeforeCollectCallback(Refresh);
    }

    private void Refresh()
    {
        var now = shards.Measure().ToDictionary(entry => (entry.Shard.Collection, entry.Shard.Index.ToString(CultureInfo.InvariantCulture)), entry => entry.Stats);
        foreach (var gauge in (Gauge[])[points, diskBytes, indexMemoryBytes, leaseEpoch])
        {
            foreach (string[] labels in gauge.GetAllLabelValues().ToList())
            {
                if (!now.ContainsKey((labels[0], labels[1])))
                    gauge.RemoveLabelled(labels);
            }
        }
        foreach (var ((collection, shard), stats) in now)
        {
            points.WithLabels(collection, shard).Set(stats.Points);
            diskBytes.WithLabels(collection, shard).Set(stats.DiskBytes);
            indexMemoryBytes.WithLabels(collection, shard).Set(stats.IndexMemoryBytes);
            leaseEpoch.WithLabels(collection, shard).Set(stats.LeaseEpoch);
        }
    }
}
