using ArcFace.VectorDb.Server.Services;
using Grpc.Core;

namespace ArcFace.VectorDb.Cluster.Shards;

/// <summary>A shard refused or failed a call, with the gRPC status the caller answers with (crosses silos intact).</summary>
[GenerateSerializer, Alias("arcvdb.ShardCallException")]
public sealed class ShardCallException : Exception, IGrpcStatusError
{
    /// <summary>Creates the error.</summary>
    public ShardCallException(StatusCode code, string message) : base(message) => Code = code;

    /// <summary>The gRPC status code.</summary>
    [Id(0)] public StatusCode Code { get; }

    /// <summary>The status to answer with.</summary>
    public Status Status => new(Code, Message);
}
