using System.Net;
using System.Security.Cryptography.X509Certificates;
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
using Microsoft.Extensions.Logging;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// The gRPC server over one database: Kestrel on HTTP/2 (TLS when given a certificate; plain text only on loopback or
/// with Insecure), the VectorDb and Evaluation services, health checks and reflection, API keys when configured,
/// Prometheus metrics on a port of their own when asked for, and a log line per call. Disposing it stops
/// taking calls, lets running ones finish, and closes the database (everything acknowledged is committed).
/// </summary>
public sealed class VectorDbServer : IAsyncDisposable
{
    /// <summary>The folder under the database where evaluation jobs keep their records and reports.</summary>
    public const string JobsFolderName = "jobs";

    private readonly WebApplication app;
    private readonly VectorDatabase database;
    private readonly CollectionEmbedders embedders;
    private readonly EvaluationJobs jobs;

    private VectorDbServer(WebApplication app, VectorDatabase database, CollectionEmbedders embedders, EvaluationJobs jobs, Uri address, Uri? metricsAddress)
    {
        this.app = app;
        this.database = database;
        this.embedders = embedders;
        this.jobs = jobs;
        Address = address;
        MetricsAddress = metricsAddress;
    }

    /// <summary>The address clients connect to (http://host:port or https://…), with the real port when 0 was asked for.</summary>
    public Uri Address { get; }

    /// <summary>Where Prometheus scrapes this server's metrics (http://host:port/metrics), or null when none are served.</summary>
    public Uri? MetricsAddress { get; }

    /// <summary>The database the server serves, for in-process callers (benchmarks and tests compare their results with gRPC ones).</summary>
    public VectorDatabase Database => database;

    /// <summary>Opens (or creates) the database and starts listening; <paramref name="logs"/>, when given, takes the log instead of the console.</summary>
    public static async Task<VectorDbServer> StartAsync(ServerOptions options, ILoggerProvider? logs = null, CancellationToken cancellation = default)
    {
        var endpoint = ParseListen(options.Listen, "--listen");
        var metricsEndpoint = options.MetricsListen is null ? null : ParseListen(options.MetricsListen, "--metrics-listen");
        if (metricsEndpoint is not null && metricsEndpoint.Port != 0 && metricsEndpoint.Port == endpoint.Port)
            throw new ArgumentException($"--metrics-listen needs a port of its own; {endpoint.Port} is the gRPC port.");
        bool tls = options.TlsCertificate is not null || options.TlsKey is not null;
        if (tls && (options.TlsCertificate is null || options.TlsKey is null))
            throw new ArgumentException("TLS needs both --tls-cert and --tls-key.");
        foreach (var listened in (IPEndPoint?[])[endpoint, metricsEndpoint])
        {
            if (listened is not null && !tls && !IPAddress.IsLoopback(listened.Address) && !options.Insecure)
                throw new ArgumentException($"Refusing plain text on {listened}, which is not loopback: give --tls-cert and --tls-key, or --insecure.");
        }
        var certificate = tls ? X509Certificate2.CreateFromPemFile(options.TlsCertificate!, options.TlsKey!) : null;
        var keys = options.ApiKeyFile is null ? null : ApiKeys.Load(options.ApiKeyFile);

        var database = VectorDatabase.OpenOrCreate(options.DatabasePath);
        var embedders = new CollectionEmbedders(options.ModelDirectory);
        var jobs = new EvaluationJobs(Path.Combine(database.Directory, JobsFolderName));
        try
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
            var metricsListener = metricsEndpoint is null ? null : new MetricsEndpoint(metricsEndpoint);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                // A streamed upsert may carry any number of messages; gRPC limits each one (RESOURCE_EXHAUSTED), not the stream.
                kestrel.Limits.MaxRequestBodySize = null;
                kestrel.Listen(endpoint, listen =>
                {
                    listen.Protocols = HttpProtocols.Http2;
                    if (certificate is not null)
                        listen.UseHttps(certificate);
                });
                metricsListener?.Listen(kestrel, certificate);
            });
            builder.Services.AddSingleton(database).AddSingleton(embedders).AddSingleton(jobs).AddSingleton<ServerMetrics>();
            if (logsCalls)
                builder.Services.AddSingleton<CallLogInterceptor>();
            if (metricsListener is not null)
                builder.Services.AddSingleton<MetricsInterceptor>();
            if (keys is not null)
                builder.Services.AddSingleton(keys).AddSingleton<ApiKeyInterceptor>();
            builder.Services.AddGrpc(grpc =>
            {
                grpc.MaxReceiveMessageSize = options.MaxMessageBytes;
                grpc.MaxSendMessageSize = options.MaxMessageBytes;
                // Metrics first, so calls the API key check refuses are counted and logged too.
                if (metricsListener is not null)
                    grpc.Interceptors.Add<MetricsInterceptor>();
                // Without a log there is nothing to write a call line to, so calls skip that interceptor.
                if (logsCalls)
                    grpc.Interceptors.Add<CallLogInterceptor>();
                if (keys is not null)
                    grpc.Interceptors.Add<ApiKeyInterceptor>();
            });
            // Answer health checks from a live check of the database folder, not from a cache filled after a 5 s delay.
            builder.Services.AddGrpcHealthChecks(health => health.UseHealthChecksCache = false)
                .AddCheck("database", () => Directory.Exists(database.Directory) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{database.Directory} is gone."));
            builder.Services.AddGrpcReflection();
            var app = builder.Build();
            metricsListener?.Map(app, app.Services.GetRequiredService<ServerMetrics>().Registry);
            app.MapGrpcService<VectorDbService>();
            app.MapGrpcService<EvaluationService>();
            app.MapGrpcHealthChecksService();
            app.MapGrpcReflectionService();
            await app.StartAsync(cancellation);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(bound => new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal))).ToList();
            var address = addresses.First(bound => bound.Port != metricsListener?.Port);
            var metricsAddress = metricsListener is null ? null : new Uri(addresses.First(bound => bound.Port == metricsListener.Port), "/metrics");
            return new VectorDbServer(app, database, embedders, jobs, address, metricsAddress);
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
        await database.DisposeAsync();
    }

    private static IPEndPoint ParseListen(string listen, string option)
    {
        int colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen.AsSpan(colon + 1), out int port) || port is < 0 or > 65535)
            throw new ArgumentException($"{option} '{listen}' is not host:port.");
        string host = listen[..colon].Trim('[', ']');
        if (host == "localhost")
            return new IPEndPoint(IPAddress.Loopback, port);
        return IPAddress.TryParse(host, out var address)
            ? new IPEndPoint(address, port)
            : throw new ArgumentException($"{option} '{listen}': '{host}' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or localhost).");
    }
}
