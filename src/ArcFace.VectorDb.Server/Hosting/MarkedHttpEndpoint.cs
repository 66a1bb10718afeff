using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// An HTTP/1.1 endpoint beside the gRPC one whose connections are marked as Kestrel accepts them, so that a request
/// can tell which port it came in on (and each port answers only its own protocol).
/// </summary>
internal abstract class MarkedHttpEndpoint(IPEndPoint requested, string mark)
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
        options.Use(next => connection =>
        {
            connection.Items[mark] = true;
            return next(connection);
        });
        listen = options;
    });

    /// <summary>True when the request came in on a connection of the endpoint that marks its connections with <paramref name="connectionMark"/>.</summary>
    protected static bool Arrived(HttpContext http, string connectionMark) =>
        http.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(connectionMark) == true;
}
