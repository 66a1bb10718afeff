using ArcFace.VectorDb.Evaluation.Jobs;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Server.Services;
using ArcFace.VectorDb.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// The gRPC server over one database (a single node): the VectorDb and Evaluation services on a <see cref="ServerHost"/>.
/// The server owns the database (its lock) while it runs. Disposing it stops taking calls, lets running ones finish for
/// the shutdown timeout, and closes the database (everything acknowledged is committed).
/// </summary>
public sealed class VectorDbServer : IAsyncDisposable
{
    /// <summary>The folder under the database where evaluation jobs keep their records and reports.</summary>
    public const string JobsFolderName = "jobs";

    private readonly ServerHost host;
    private readonly CollectionEmbedders embedders;
    private readonly EvaluationJobs jobs;

    private VectorDbServer(ServerHost host, VectorDatabase database, CollectionEmbedders embedders, EvaluationJobs jobs)
    {
        this.host = host;
        Database = database;
        this.embedders = embedders;
        this.jobs = jobs;
    }

    /// <summary>The address clients connect to (http://host:port or https://…), with the real port when 0 was asked for.</summary>
    public Uri Address => host.Address;

    /// <summary>Where Prometheus scrapes this server's metrics (http://host:port/metrics), or null when none are served.</summary>
    public Uri? MetricsAddress => host.MetricsAddress;

    /// <summary>The base address of the JSON API (http://host:port/ or https://…; routes under /v1/, the OpenAPI document at /openapi.json), or null when none is served.</summary>
    public Uri? HttpAddress => host.HttpAddress;

    /// <summary>Where the JSON API's OpenAPI document is served, or null when no JSON API is.</summary>
    public Uri? OpenApiAddress => HttpAddress is null ? null : new Uri(HttpAddress, HttpApiEndpoint.OpenApiPath);

    /// <summary>The database the server serves, for in-process callers (benchmarks and tests compare their results with gRPC ones).</summary>
    public VectorDatabase Database { get; }

    /// <summary>Opens the database (creating it only when asked to) and starts listening; <paramref name="logs"/>, when given, takes the log instead of the console.</summary>
    public static async Task<VectorDbServer> StartAsync(ServerOptions options, ILoggerProvider? logs = null, CancellationToken cancellation = default)
    {
        // Addresses and keys are checked before the database is opened (or created): a bad --listen leaves nothing behind.
        ServerHost.Check(options);
        var database = options.CreateDatabase ? VectorDatabase.OpenOrCreate(options.DatabasePath) : VectorDatabase.Open(options.DatabasePath);
        var embedders = new CollectionEmbedders(options.ModelDirectory);
        var jobs = new EvaluationJobs(Path.Combine(database.Directory, JobsFolderName));
        try
        {
            var host = await ServerHost.StartAsync(options, new DatabaseBackend(database, embedders, jobs), logs, cancellation);
            return new VectorDbServer(host, database, embedders, jobs);
        }
        catch
        {
            await jobs.DisposeAsync();
            embedders.Dispose();
            await database.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await jobs.DisposeAsync();
        embedders.Dispose();
        await Database.DisposeAsync();
    }

    /// <summary>The single node's backend: one database's collections, its models and its evaluation jobs.</summary>
    private sealed class DatabaseBackend(VectorDatabase database, CollectionEmbedders embedders, EvaluationJobs jobs) : IServerBackend
    {
        public void Register(WebApplicationBuilder builder, IHealthChecksBuilder health)
        {
            builder.Services.AddSingleton(database).AddSingleton(embedders).AddSingleton(jobs).AddSingleton<IJobDirectory>(jobs)
                .AddSingleton<ICollectionDescriptions>(new DatabaseDescriptions(database)).AddSingleton<IEvaluationTargets>(new DatabaseEvaluationTargets(database));
            health.AddCheck("database", () => Directory.Exists(database.Directory) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{database.Directory} is gone."));
        }

        public void MapServices(WebApplication app)
        {
            app.MapGrpcService<VectorDbService>();
            app.MapGrpcService<EvaluationService>();
        }
    }
}
