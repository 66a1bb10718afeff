using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// The HTTP/1.1 endpoint that serves Prometheus metrics at /metrics, apart from the gRPC one: its connections are
/// marked as they are accepted, and every request on them goes to the exporter (which needs no API key) or gets 404,
/// so the gRPC port never answers /metrics and the metrics port never reaches a gRPC service.
/// </summary>
internal sealed class MetricsEndpoint(IPEndPoint requested) : MarkedHttpEndpoint(requested, ConnectionMark)
{
    private const string ConnectionMark = "arcvdb.metrics";

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

    private static bool OnMetricsConnection(HttpContext http) => Arrived(http, ConnectionMark);
}
