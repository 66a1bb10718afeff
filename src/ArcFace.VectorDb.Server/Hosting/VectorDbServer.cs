using ArcFace.VectorDb.Evaluation.Jobs;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Server.Security;
using ArcFace.VectorDb.Server.Services;
using ArcFace.VectorDb.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// The gRPC server over one database: Kestrel on HTTP/2 (TLS when given a certificate; plain text only on loopback or
/// with Insecure), the VectorDb and Evaluation services, health checks and reflection, API keys when configured,
/// Prometheus metrics on a port of their own when asked for, the same services as JSON over HTTP/1.1 (with an OpenAPI
/// document) on another port when asked for, and a log line per call. The server owns the database
/// (its lock) while it runs. Disposing it stops taking calls, lets running ones finish for the shutdown timeout, and
/// closes the database (everything acknowledged is committed).
/// </summary>
public sealed class VectorDbServer : IAsyncDisposable
{
    /// <summary>The folder under the database where evaluation jobs keep their records and reports.</summary>
    public const string JobsFolderName = "jobs";

    private readonly WebApplication app;
    private readonly CollectionEmbedders embedders;
    private readonly EvaluationJobs jobs;

    private VectorDbServer(WebApplication app, VectorDatabase database, CollectionEmbedders embedders, EvaluationJobs jobs, Uri address, Uri? metricsAddress, Uri? httpAddress)
    {
        this.app = app;
        Database = database;
        this.embedders = embedders;
        this.jobs = jobs;
        Address = address;
        MetricsAddress = metricsAddress;
        HttpAddress = httpAddress;
    }

    /// <summary>The address clients connect to (http://host:port or https://…), with the real port when 0 was asked for.</summary>
    public Uri Address { get; }

    /// <summary>Where Prometheus scrapes this server's metrics (http://host:port/metrics), or null when none are served.</summary>
    public Uri? MetricsAddress { get; }

    /// <summary>The base address of the JSON API (http://host:port/ or https://…; routes under /v1/, the OpenAPI document at /openapi.json), or null when none is served.</summary>
    public Uri? HttpAddress { get; }

    /// <summary>Where the JSON API's OpenAPI document is served, or null when no JSON API is.</summary>
    public Uri? OpenApiAddress => HttpAddress is null ? null : new Uri(HttpAddress, HttpApiEndpoint.OpenApiPath);

    /// <summary>The database the server serves, for in-process callers (benchmarks and tests compare their results with gRPC ones).</summary>
    public VectorDatabase Database { get; }

    /// <summary>Opens the database (creating it only when asked to) and starts listening; <paramref name="logs"/>, when given, takes the log instead of the console.</summary>
    public static async Task<VectorDbServer> StartAsync(ServerOptions options, ILoggerProvider? logs = null, CancellationToken cancellation = default)
    {
        var endpoints = ListenEndpoints.From(options);
        var keys = options.ApiKeyFile is null ? null : ApiKeys.Load(options.ApiKeyFile);
        var database = options.CreateDatabase ? VectorDatabase.OpenOrCreate(options.DatabasePath) : VectorDatabase.Open(options.DatabasePath);
        var embedders = new CollectionEmbedders(options.ModelDirectory);
        var jobs = new EvaluationJobs(Path.Combine(database.Directory, JobsFolderName));
        try
        {
            var metricsListener = endpoints.Metrics is null ? null : new MetricsEndpoint(endpoints.Metrics);
            var httpListener = endpoints.Http is null ? null : new HttpApiEndpoint(endpoints.Http);
            var app = Build(options, endpoints, metricsListener, httpListener, logs, keys, database, embedders, jobs);
            await app.StartAsync(cancellation);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(bound => new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal))).ToList();
            var address = addresses.First(bound => bound.Port != metricsListener?.Port && bound.Port != httpListener?.Port);
            var metricsAddress = metricsListener is null ? null : new Uri(addresses.First(bound => bound.Port == metricsListener.Port), "/metrics");
            var httpAddress = httpListener is null ? null : new Uri(addresses.First(bound => bound.Port == httpListener.Port), "/");
            return new VectorDbServer(app, database, embedders, jobs, address, metricsAddress, httpAddress);
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
        await app.StopAsync();
        await app.DisposeAsync();
        await jobs.DisposeAsync();
        embedders.Dispose();
        await Database.DisposeAsync();
    }

    /// <summary>The web application: Kestrel endpoints, logging, the services with their interceptors, health and reflection.</summary>
    private static WebApplication Build(ServerOptions options, ListenEndpoints endpoints, MetricsEndpoint? metricsListener, HttpApiEndpoint? httpListener, ILoggerProvider? logs,
        ApiKeys? keys, VectorDatabase database, CollectionEmbedders embedders, EvaluationJobs jobs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        bool logsCalls = logs is not null || options.LogFormat is not null;
        builder.Logging.ClearProviders();
        if (logs is not null)
            builder.Logging.AddProvider(logs);
        else if (options.LogFormat is { } format)
            builder.Logging.AddConsoleLogs(format);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The call log already says how each call ended; Grpc's own Information line per failed call would repeat it.
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // A streamed upsert may carry any number of messages; gRPC limits each one (RESOURCE_EXHAUSTED), not the stream.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(endpoints.Grpc, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (endpoints.Certificate is not null)
                    listen.UseHttps(endpoints.Certificate);
            });
            metricsListener?.Listen(kestrel, endpoints.Certificate);
            httpListener?.Listen(kestrel, endpoints.Certificate);
        });
        builder.Services.AddSingleton(database).AddSingleton(embedders).AddSingleton(jobs).AddSingleton<ServerMetrics>().AddSingleton(new ReplyLimit(options.MaxResponseBytes));
        if (logsCalls)
            builder.Services.AddSingleton<CallLogInterceptor>();
        if (metricsListener is not null)
            builder.Services.AddSingleton<MetricsInterceptor>();
        if (keys is not null)
            builder.Services.AddSingleton(keys).AddSingleton<ApiKeyInterceptor>();
        builder.Services.AddSingleton<StorageErrorInterceptor>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxMessageBytes;
            grpc.MaxSendMessageSize = options.MaxResponseBytes;
            // Metrics first, so calls the API key check refuses are counted and logged too.
            if (metricsListener is not null)
                grpc.Interceptors.Add<MetricsInterceptor>();
            // Without a log there is nothing to write a call line to, so calls skip that interceptor.
            if (logsCalls)
                grpc.Interceptors.Add<CallLogInterceptor>();
            if (keys is not null)
                grpc.Interceptors.Add<ApiKeyInterceptor>();
            // Innermost, so the ones above see the status an error of the storage stands for.
            grpc.Interceptors.Add<StorageErrorInterceptor>();
        });
        if (httpListener is not null)
            HttpApiEndpoint.AddServices(builder.Services);
        builder.Services.AddParseErrorsAsInvalidArgument();
        // Answer health checks from a live check of the database folder, not from a cache filled after a 5 s delay.
        builder.Services.AddGrpcHealthChecks(health => health.UseHealthChecksCache = false)
            .AddCheck("database", () => Directory.Exists(database.Directory) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{database.Directory} is gone."));
        builder.Services.AddGrpcReflection();
        var app = builder.Build();
        if (metricsListener is not null)
            MetricsEndpoint.Map(app, app.Services.GetRequiredService<ServerMetrics>().Registry);
        if (httpListener is not null)
        {
            app.UseRouting();
            // JSON spells numbers and bytes out at length: a request may be up to 4 times the largest gRPC message.
            HttpApiEndpoint.Map(app, 4L * options.MaxMessageBytes);
        }
        app.MapGrpcService<VectorDbService>();
        app.MapGrpcService<EvaluationService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
