using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// The HTTP/1.1 endpoint that serves Prometheus metrics at /metrics, apart from the gRPC one: its connections are
/// marked as they are accepted, and every request on them goes to the exporter (which needs no API key) or gets 404,
/// so the gRPC port never answers /metrics and the metrics port never reaches a gRPC service.
/// </summary>
internal sealed class MetricsEndpoint(IPEndPoint requested)
{
    private const string ConnectionMark = "arcvdb.metrics";

    private ListenOptions? listen;

    /// <summary>The bound port (the real one when 0 was asked for), or 0 before Kestrel binds.</summary>
    public int Port => listen?.IPEndPoint?.Port ?? 0;

    /// <summary>Adds the endpoint to Kestrel, with TLS when the gRPC endpoint has it.</summary>
    public void Listen(KestrelServerOptions kestrel, X509Certificate2? certificate) => kestrel.Listen(requested, options =>
    {
        options.Protocols = HttpProtocols.Http1;
        if (certificate is not null)
            options.UseHttps(certificate);
        options.Use(next => connection =>
        {
            connection.Items[ConnectionMark] = true;
            return next(connection);
        });
        listen = options;
    });

    /// <summary>Serves <paramref name="registry"/> at /metrics to requests on this endpoint's connections, and 404 for any other path there.</summary>
    public static void Map(IApplicationBuilder app, CollectorRegistry registry) =>
        app.MapWhen(OnMetricsConnection, metrics =>
        {
            metrics.UseMetricServer(settings => settings.Registry = registry, "/metrics");
            metrics.Run(http =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });

    private static bool OnMetricsConnection(HttpContext http) =>
        http.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ConnectionMark) == true;
}
