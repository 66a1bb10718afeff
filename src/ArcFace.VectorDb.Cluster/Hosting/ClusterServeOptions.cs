using System.Net;

namespace ArcFace.VectorDb.Cluster.Hosting;

/// <summary>How one silo of `arcvdb serve --cluster` joins its cluster and where the shared data lives.</summary>
public sealed record ClusterServeOptions
{
    /// <summary>The Redis server holding the membership table ("HOST:PORT", or a StackExchange.Redis configuration string); null clusters the silos of this one machine without Redis (development only).</summary>
    public string? Redis { get; init; }

    /// <summary>The shared data folder every silo reaches (catalog and shard folders).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The address other silos reach this one at.</summary>
    public IPAddress SiloAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>The port Orleans clients connect to (the gRPC API needs none: 0 opens no gateway).</summary>
    public int GatewayPort { get; init; }

    /// <summary>The cluster's id: silos with the same id and Redis form one cluster.</summary>
    public string ClusterId { get; init; } = "arcvdb";
}
