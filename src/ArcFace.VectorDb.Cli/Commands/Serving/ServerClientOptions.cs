using System.CommandLine;

namespace ArcFace.VectorDb.Cli.Commands.Serving;

/// <summary>The options of a command that talks to a running server: --server and --api-key.</summary>
internal sealed class ServerClientOptions
{
    /// <summary>Creates --server with <paramref name="description"/> (and a default address when one is given) and --api-key.</summary>
    public ServerClientOptions(string description, string? defaultAddress = null)
    {
        Server = new Option<string>("--server") { Description = description };
        if (defaultAddress is not null)
            Server.DefaultValueFactory = _ => defaultAddress;
    }

    /// <summary>--server URL.</summary>
    public Option<string> Server { get; }

    /// <summary>--api-key KEY.</summary>
    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "API key (default: $ARCVDB_API_KEY)." };

    /// <summary>Connects to the server the options name; an address that is not http:// or https:// is an <see cref="ArgumentException"/>.</summary>
    public ServerClient Connect(ParseResult result)
    {
        string given = result.GetValue(Server)!;
        if (!Uri.TryCreate(given, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--server '{given}' is not an http:// or https:// address.");
        return new ServerClient(address, result.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("ARCVDB_API_KEY"));
    }
}
