using ArcFace.VectorDb.Cluster.Catalog;
using ArcFace.VectorDb.Cluster.Hosting;
using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Testing;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>Three silos in this process (Orleans TestingHost) over one shared data folder, and the sharded collections as a silo's API reaches them; shards snapshot after 1 s without writes.</summary>
public sealed class ThreeSiloCluster : IAsyncLifetime
{
    private const string DataKey = "arcvdb:data";
    private readonly TempDirectory data = new();

    /// <summary>The running cluster.</summary>
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The collections, through the cluster's grains.</summary>
    public ShardedCollections Collections { get; private set; } = null!;

    /// <summary>The shared data folder.</summary>
    public string DataDirectory => data.Path;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection([new(DataKey, data.Path)]));
        builder.AddSiloBuilderConfigurator<ShardSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Collections = new ShardedCollections(Cluster.GrainFactory, new ClusterCatalog(data.Path));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        data.Dispose();
    }

    /// <summary>Makes each test silo a shard host over the shared folder.</summary>
    private sealed class ShardSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddShards(siloBuilder.Configuration[DataKey]!, new ShardOptions { IdleSnapshotAfter = TimeSpan.FromSeconds(1) });
    }
}
