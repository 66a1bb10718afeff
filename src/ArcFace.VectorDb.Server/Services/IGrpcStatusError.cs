using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>An error that already knows the gRPC status it stands for (for example one a shard raised on another silo).</summary>
public interface IGrpcStatusError
{
    /// <summary>The status to answer with.</summary>
    Status Status { get; }
}
