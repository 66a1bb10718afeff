using ArcFace.VectorDb.Protos;
using Grpc.Core;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cli.Commands.Serving;

/// <summary>A connection to a running server: its address, the VectorDb client, the headers every call sends, and how its failures read.</summary>
internal sealed class ServerClient : IDisposable
{
    private readonly GrpcChannel channel;

    /// <summary>Opens a channel to <paramref name="address"/>, sending <paramref name="apiKey"/> (when given) as a bearer token.</summary>
    public ServerClient(Uri address, string? apiKey)
    {
        Address = address;
        channel = GrpcChannel.ForAddress(address);
        VectorDb = new Protos.VectorDb.VectorDbClient(channel);
        if (apiKey is { Length: > 0 })
            Headers.Add("authorization", $"Bearer {apiKey}");
    }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    /// <summary>The VectorDb service.</summary>
    public Protos.VectorDb.VectorDbClient VectorDb { get; }

    /// <summary>Headers to send with every call.</summary>
    public Metadata Headers { get; } = new();

    /// <summary>The line to show for a failed call: an unreachable server says so and what to check.</summary>
    public string Explain(RpcException e) => e.StatusCode == StatusCode.Unavailable
        ? $"error: no server answers at {Address}: is `arcvdb serve` running there (and is it the right address and scheme)? ({e.Status.Detail})"
        : $"error: {e.StatusCode}: {e.Status.Detail}";

    /// <inheritdoc />
    public void Dispose() => channel.Dispose();
}
