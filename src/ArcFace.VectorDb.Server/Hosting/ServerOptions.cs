using ArcFace.VectorDb.Server.Observability;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>How `arcvdb serve` runs: where the database is, where it listens and who may call it.</summary>
public sealed record ServerOptions
{
    /// <summary>The database directory (created when absent).</summary>
    public required string DatabasePath { get; init; }

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

    /// <summary>Largest request or response message, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>host:port of a separate HTTP/1.1 endpoint serving Prometheus metrics at /metrics without an API key; null serves none.</summary>
    public string? MetricsListen { get; init; }

    /// <summary>Console log on stdout, one line per call; null writes none (unless StartAsync is given a logger provider).</summary>
    public LogFormat? LogFormat { get; init; }
}
