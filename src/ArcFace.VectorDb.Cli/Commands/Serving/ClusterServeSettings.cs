using System.CommandLine;
using System.Net;
using ArcFace.VectorDb.Cluster.Hosting;

namespace ArcFace.VectorDb.Cli.Commands.Serving;

/// <summary>The options of `arcvdb serve` that make it a silo of a cluster instead of a single node.</summary>
internal sealed class ClusterServeSettings
{
    private readonly Option<string?> cluster = new("--cluster") { Description = "Join (or start) the cluster whose membership a Redis server keeps: redis://HOST:PORT. Each `serve --cluster` process is one silo holding shards of the collections; any silo answers the whole API." };
    private readonly Option<DirectoryInfo?> data = new("--data") { Description = "With --cluster: the data folder every silo shares (a shared volume: NFS, a cloud file share); collections and their shards live there, ingest error reports under reports/, and evaluation jobs under jobs/SILO/ (a job runs on the silo it was started on and every silo answers for it; if that silo dies the job reads as interrupted: start it again)." };
    private readonly Option<string> siloHost = new("--silo-host") { Description = "With --cluster: the IP address other silos reach this one at.", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<int> siloPort = new Option<int>("--silo-port") { Description = "With --cluster: the port silos talk to each other on.", DefaultValueFactory = _ => 11111 }.Between(1, 65535);
    private readonly Option<int> gatewayPort = new Option<int>("--gateway-port") { Description = "With --cluster: a port for Orleans clients (the gRPC API needs none; 0 opens none).", DefaultValueFactory = _ => 0 }.Between(0, 65535);
    private readonly Option<string> clusterId = new("--cluster-id") { Description = "With --cluster: silos with the same id and Redis form one cluster.", DefaultValueFactory = _ => "arcvdb" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[cluster, data, siloHost, siloPort, gatewayPort, clusterId])
            command.Options.Add(option);
    }

    /// <summary>True when the command line asks for a cluster silo.</summary>
    public bool IsCluster(System.CommandLine.Parsing.CommandResult result) => result.GetResult(cluster) is not null;

    /// <summary>The silo's settings from the command line.</summary>
    public ClusterServeOptions Read(ParseResult result)
    {
        string address = result.GetValue(cluster)!;
        string redis = address.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) ? address["redis://".Length..].TrimEnd('/') : address;
        if (!redis.Contains(':', StringComparison.Ordinal))
            throw new ArgumentException($"--cluster '{address}' is not redis://HOST:PORT.");
        var folder = result.GetValue(data) ?? throw new ArgumentException("--cluster needs --data: the folder every silo shares.");
        if (File.Exists(folder.FullName))
            throw new ArgumentException($"--data {folder.FullName} is a file; give a folder (it is created when absent).");
        return new ClusterServeOptions
        {
            Redis = redis, DataDirectory = folder.FullName, SiloPort = result.GetValue(siloPort), GatewayPort = result.GetValue(gatewayPort),
            SiloAddress = IPAddress.TryParse(result.GetValue(siloHost), out var ip) ? ip : throw new ArgumentException($"--silo-host '{result.GetValue(siloHost)}' is not an IP address."),
            ClusterId = result.GetValue(clusterId)!,
        };
    }
}
