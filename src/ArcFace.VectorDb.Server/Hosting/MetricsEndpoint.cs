using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// The HTTP/1.1 endpoint that serves Prometheus metrics at /metrics, apart from the gRPC one: only requests that
/// arrive on its port reach the exporter (which needs no API key), so the gRPC port never answers /metrics.
/// </summary>
internal sealed class MetricsEndpoint(IPEndPoint requested)
{
    private ListenOptions? listen;

    /// <summary>The bound port (the real one when 0 was asked for), or 0 before Kestrel binds.</summary>
    public int Port => listen?.IPEndPoint?.Port ?? 0;

    /// <summary>Adds the endpoint to Kestrel, with TLS when the gRPC endpoint has it.</summary>
    public void Listen(KestrelServerOptions kestrel, X509Certificate2? certificate) => kestrel.Listen(requested, options =>
    {
        options.Protocols = HttpProtocols.Http1;
        if (certificate is not null)
            options.UseHttps(certificate);
        listen = options;
    });

    /// <summary>Serves <paramref name="registry"/> at /metrics to requests on this endpoint's port.</summary>
    public void Map(IApplicationBuilder app, CollectorRegistry registry) =>
        app.MapWhen(http => Port != 0 && http.Connection.LocalPort == Port, metrics => metrics.UseMetricServer(settings => settings.Registry = registry, "/metrics"));
}
