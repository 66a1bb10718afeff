using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>Where the server listens and with which certificate, checked before anything starts: plain text only on loopback unless allowed, and the metrics and the HTTP/JSON API each on a port of their own.</summary>
internal sealed record ListenEndpoints(IPEndPoint Grpc, IPEndPoint? Metrics, IPEndPoint? Http, X509Certificate2? Certificate)
{
    /// <summary>Parses and checks the addresses and TLS files of <paramref name="options"/>; ArgumentException names what is wrong.</summary>
    public static ListenEndpoints From(ServerOptions options)
    {
        var grpc = Parse(options.Listen, "listen address");
        var metrics = options.MetricsListen is null ? null : Parse(options.MetricsListen, "metrics address");
        var http = options.HttpListen is null ? null : Parse(options.HttpListen, "HTTP address");
        if (metrics is not null && metrics.Port != 0 && metrics.Port == grpc.Port)
            throw new ArgumentException($"The metrics address needs a port of its own; {grpc.Port} is the gRPC port.");
        if (http is not null && http.Port != 0 && (http.Port == grpc.Port || http.Port == metrics?.Port))
            throw new ArgumentException($"The HTTP address needs a port of its own; {http.Port} is the {(http.Port == grpc.Port ? "gRPC" : "metrics")} port.");
        bool tls = options.TlsCertificate is not null || options.TlsKey is not null;
        if (tls && (options.TlsCertificate is null || options.TlsKey is null))
            throw new ArgumentException("TLS needs both a certificate and its private key.");
        foreach (var listened in (IPEndPoint?[])[grpc, metrics, http])
        {
            if (listened is not null && !tls && !IPAddress.IsLoopback(listened.Address) && !options.Insecure)
                throw new ArgumentException($"Refusing plain text on {listened}, which is not loopback: serve TLS (a certificate and its key), or allow plain text explicitly (insecure).");
        }
        return new ListenEndpoints(grpc, metrics, http, tls ? LoadCertificate(options.TlsCertificate!, options.TlsKey!) : null);
    }

    private static X509Certificate2 LoadCertificate(string certificate, string key)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificate, key);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or ArgumentException)
        {
            throw new ArgumentException($"The TLS certificate {certificate} and key {key} cannot be used together: {e.Message}", e);
        }
    }

    private static IPEndPoint Parse(string listen, string what)
    {
        int colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen.AsSpan(colon + 1), out int port) || port is < 0 or > 65535)
            throw new ArgumentException($"The {what} '{listen}' is not host:port.");
        string host = listen[..colon].Trim('[', ']');
        if (host == "localhost")
            return new IPEndPoint(IPAddress.Loopback, port);
        return IPAddress.TryParse(host, out var address)
            ? new IPEndPoint(address, port)
            : throw new ArgumentException($"The {what} '{listen}': '{host}' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or localhost).");
    }
}
