using ArcFace.VectorDb.Cluster.Catalog;
using ArcFace.VectorDb.Cluster.Placement;
using ArcFace.VectorDb.Cluster.Shards;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace ArcFace.VectorDb.Cluster.Hosting;

/// <summary>What makes an Orleans silo able to host shards, for `serve --cluster` and the in-process test clusters alike.</summary>
public static class ShardSilo
{
    /// <summary>Registers the catalog over the shared data folder, the shard placement, and failure detection tuned to fail over within seconds.</summary>
    public static ISiloBuilder AddShards(this ISiloBuilder silo, string dataDirectory, ShardOptions? options = null)
    {
        silo.Services.AddSingleton(_ => new ClusterCatalog(dataDirectory)).AddSingleton<LocalShards>().AddSingleton(options ?? new ShardOptions());
        silo.AddPlacementDirector<ShardPlacementStrategy, ShardPlacementDirector>();
        // Defaults declare a silo dead after about 15 s of missed probes; shards of a dead silo are unavailable until then.
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(2);
            membership.NumMissedProbesLimit = 3;
        });
        return silo;
    }
}
