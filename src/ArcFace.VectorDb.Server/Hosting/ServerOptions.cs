using ArcFace.VectorDb.Server.Observability;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>How `arcvdb serve` runs: where the database is, where it listens, who may call it and what one call may hold.</summary>
public sealed record ServerOptions
{
    /// <summary>The database directory.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Create the database when the directory is absent or empty; otherwise a missing database is an error.</summary>
    public bool CreateDatabase { get; init; }

    /// <summary>host:port to listen on; port 0 picks a free one.</summary>
    public string Listen { get; init; } = "127.0.0.1:50051";

    /// <summary>A file of API keys, one per line: "KEY" or "KEY read" / "KEY write" (default write); null means no authentication.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>PEM certificate for TLS (with <see cref="TlsKey"/>).</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>PEM private key for TLS.</summary>
    public string? TlsKey { get; init; }

    /// <summary>Folder of ONNX models that collections may name (SearchByImage, IngestImages).</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Allow plain text on a non-loopback address.</summary>
    public bool Insecure { get; init; }

    /// <summary>Largest request message, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Largest response message, in bytes (below the request limit: a reply is held in memory until the client reads it); larger is RESOURCE_EXHAUSTED.</summary>
    public int MaxResponseBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>How long a stop lets running calls (and replies a client has not read) finish before it cuts them off; everything acknowledged is committed either way.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>host:port of a separate HTTP/1.1 endpoint serving Prometheus metrics at /metrics without an API key; null serves none.</summary>
    public string? MetricsListen { get; init; }

    /// <summary>host:port of a separate HTTP/1.1 endpoint serving the VectorDb and Evaluation services as JSON (gRPC JSON transcoding, same API keys and TLS) and their OpenAPI document at /openapi.json; null serves none.</summary>
    public string? HttpListen { get; init; }

    /// <summary>Console log on stderr, one line per call; null writes none (unless StartAsync is given a logger provider).</summary>
    public LogFormat? LogFormat { get; init; }
}
