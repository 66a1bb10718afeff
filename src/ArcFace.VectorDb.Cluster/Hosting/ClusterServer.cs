using ArcFace.VectorDb.Cluster.Catalog;
using ArcFace.VectorDb.Cluster.Evaluation;
using ArcFace.VectorDb.Cluster.Jobs;
using ArcFace.VectorDb.Evaluation.Jobs;
using ArcFace.VectorDb.Cluster.Service;
using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace ArcFace.VectorDb.Cluster.Hosting;

/// <summary>
/// One process of `arcvdb serve --cluster`: an Orleans silo that hosts shards of the cluster's collections, and the
/// same gRPC API as a single node (on a <see cref="ServerHost"/>) over all of them. Disposing it leaves the cluster
/// cleanly: its shards close (snapshots written, leases released) and reactivate on the other silos.
/// </summary>
public sealed class ClusterServer : IAsyncDisposable
{
    private readonly ServerHost host;
    private readonly CollectionEmbedders embedders;

    private ClusterServer(ServerHost host, CollectionEmbedders embedders)
    {
        this.host = host;
        this.embedders = embedders;
    }

    /// <summary>The address clients connect to.</summary>
    public Uri Address => host.Address;

    /// <summary>Where Prometheus scrapes this silo's metrics, or null when none are served.</summary>
    public Uri? MetricsAddress => host.MetricsAddress;

    /// <summary>The silo's sharded collections, for in-process callers.</summary>
    public ShardedCollections Collections => host.App.Services.GetRequiredService<ShardedCollections>();

    /// <summary>Joins (or starts) the cluster and starts listening.</summary>
    public static async Task<ClusterServer> StartAsync(ServerOptions options, ClusterServeOptions cluster, ILoggerProvider? logs = null, CancellationToken cancellation = default)
    {
        ServerHost.Check(options);
        SiloPorts.RequireFree(cluster);
        Directory.CreateDirectory(cluster.DataDirectory);
        var embedders = new CollectionEmbedders(options.ModelDirectory);
        try
        {
            return new ClusterServer(await ServerHost.StartAsync(options, new Backend(cluster, embedders), logs, cancellation), embedders);
        }
        catch (StackExchange.Redis.RedisConnectionException e)
        {
            embedders.Dispose();
            throw new IOException($"No Redis answers at {cluster.Redis}, where the cluster keeps its membership: start redis-server there, or give the address of a running one ({e.Message})", e);
        }
        catch
        {
            embedders.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        embedders.Dispose();
    }

    /// <summary>The folder under the data folder that holds each silo's evaluation jobs (one folder per silo address and port).</summary>
    public const string JobsFolderName = "jobs";

    /// <summary>The silo and the cluster-wide services.</summary>
    private sealed class Backend(ClusterServeOptions cluster, CollectionEmbedders embedders) : IServerBackend
    {
        public void Register(WebApplicationBuilder builder, IHealthChecksBuilder health)
        {
            builder.Logging.AddFilter("Orleans", LogLevel.Warning);
            // Its only warnings are two notes at start that server GC is off (a choice for small machines), not problems.
            builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
            builder.UseOrleans(silo =>
            {
                if (cluster.Redis is { } redis)
                    silo.UseRedisClustering(redis);
                else
                    silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
                silo.Configure<ClusterOptions>(orleans => (orleans.ClusterId, orleans.ServiceId) = (cluster.ClusterId, "arcvdb"));
                silo.ConfigureEndpoints(cluster.SiloAddress, cluster.SiloPort, cluster.GatewayPort);
                silo.AddShards(cluster.DataDirectory);
            });
            builder.Services.AddSingleton(embedders).AddSingleton<SiloMembership>()
                .AddSingleton(services => new ShardedCollections(services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<ClusterCatalog>()))
                .AddSingleton<ICollectionDescriptions, ClusterDescriptions>().AddSingleton<ShardMetrics>();
            string data = Path.GetFullPath(cluster.DataDirectory), jobs = JobFolders.Root(data), own = JobFolders.Name(cluster.SiloAddress, cluster.SiloPort);
            // Jobs run on the silo that was asked and are kept in a folder of its own, which every silo reads: any silo
            // answers for any job, and a job whose silo dies reads as interrupted (see ClusterJobDirectory).
            builder.Services.AddSingleton<IEvaluationTargets, ShardedEvaluationTargets>()
                .AddSingleton(_ => new EvaluationJobs(Path.Combine(jobs, own)))
                .AddSingleton<IJobDirectory>(services => new ClusterJobDirectory(services.GetRequiredService<EvaluationJobs>(),
                    new ForeignJobs(jobs, own, services.GetRequiredService<SiloMembership>().Runs)));
            health.AddCheck("data", () => Directory.Exists(data) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{data} is gone."));
        }

        public void MapServices(WebApplication app)
        {
            // Created now, so its gauges are in the registry from the first scrape.
            app.Services.GetRequiredService<ShardMetrics>();
            app.MapGrpcService<ClusterVectorDbService>();
            app.MapGrpcService<EvaluationService>();
        }
    }
}
