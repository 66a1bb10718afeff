using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Server.Security;
using ArcFace.VectorDb.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// The web host every server runs on, whatever it serves: Kestrel on HTTP/2 (TLS when given a certificate; plain text
/// only on loopback or with Insecure), health checks and reflection, API keys when configured, Prometheus metrics on a
/// port of their own when asked for, the services as JSON over HTTP/1.1 (with an OpenAPI document) on another port when
/// asked for, and a log line per call. The backend adds the services and what they serve.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private ServerHost(WebApplication app, Uri address, Uri? metricsAddress, Uri? httpAddress)
    {
        App = app;
        Address = address;
        MetricsAddress = metricsAddress;
        HttpAddress = httpAddress;
    }

    /// <summary>The running web application (its services, for in-process callers).</summary>
    public WebApplication App { get; }

    /// <summary>The address clients connect to (http://host:port or https://…), with the real port when 0 was asked for.</summary>
    public Uri Address { get; }

    /// <summary>Where Prometheus scrapes this server's metrics (http://host:port/metrics), or null when none are served.</summary>
    public Uri? MetricsAddress { get; }

    /// <summary>The base address of the JSON API (routes under /v1/, the OpenAPI document at /openapi.json), or null when none is served.</summary>
    public Uri? HttpAddress { get; }

    /// <summary>Checks the listen addresses, TLS files and API key file of <paramref name="options"/>, as starting would, before a backend opens anything.</summary>
    public static void Check(ServerOptions options)
    {
        ListenEndpoints.From(options);
        if (options.ApiKeyFile is not null)
            ApiKeys.Load(options.ApiKeyFile);
    }

    /// <summary>Builds the host around <paramref name="backend"/> and starts listening; <paramref name="logs"/>, when given, takes the log instead of the console.</summary>
    public static async Task<ServerHost> StartAsync(ServerOptions options, IServerBackend backend, ILoggerProvider? logs = null, CancellationToken cancellation = default)
    {
        var endpoints = ListenEndpoints.From(options);
        var keys = options.ApiKeyFile is null ? null : ApiKeys.Load(options.ApiKeyFile);
        var metricsListener = endpoints.Metrics is null ? null : new MetricsEndpoint(endpoints.Metrics);
        var httpListener = endpoints.Http is null ? null : new HttpApiEndpoint(endpoints.Http);
        var app = Build(options, endpoints, metricsListener, httpListener, logs, keys, backend);
        try
        {
            await app.StartAsync(cancellation);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(bound => new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal))).ToList();
        var address = addresses.First(bound => bound.Port != metricsListener?.Port && bound.Port != httpListener?.Port);
        var metricsAddress = metricsListener is null ? null : new Uri(addresses.First(bound => bound.Port == metricsListener.Port), "/metrics");
        var httpAddress = httpListener is null ? null : new Uri(addresses.First(bound => bound.Port == httpListener.Port), "/");
        return new ServerHost(app, address, metricsAddress, httpAddress);
    }

    /// <summary>Stops taking calls and lets running ones finish for the shutdown timeout.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>The web application: Kestrel endpoints, logging, the services with their interceptors, health and reflection.</summary>
    private static WebApplication Build(ServerOptions options, ListenEndpoints endpoints, MetricsEndpoint? metricsListener, HttpApiEndpoint? httpListener, ILoggerProvider? logs,
        ApiKeys? keys, IServerBackend backend)
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
        builder.Services.AddSingleton<ServerMetrics>().AddSingleton(new ReplyLimit(options.MaxResponseBytes)).AddSingleton<ImageSearch>().AddSingleton<ImageIngest>();
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
        // Answer health checks from a live check of what the backend serves, not from a cache filled after a 5 s delay.
        var health = builder.Services.AddGrpcHealthChecks(checks => checks.UseHealthChecksCache = false);
        builder.Services.AddGrpcReflection();
        backend.Register(builder, health);
        var app = builder.Build();
        if (metricsListener is not null)
            MetricsEndpoint.Map(app, app.Services.GetRequiredService<ServerMetrics>().Registry);
        if (httpListener is not null)
        {
            app.UseRouting();
            // JSON spells numbers and bytes out at length: a request may be up to 4 times the largest gRPC message.
            HttpApiEndpoint.Map(app, 4L * options.MaxMessageBytes);
        }
        backend.MapServices(app);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
