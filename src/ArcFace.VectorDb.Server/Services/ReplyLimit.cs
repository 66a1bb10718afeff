using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>The largest reply one call may get, checked while a reply is built so that an oversized one is refused before it is held in memory.</summary>
internal sealed record ReplyLimit(int MaxBytes)
{
    /// <summary>RESOURCE_EXHAUSTED when <paramref name="bytes"/> so far pass the limit; <paramref name="advice"/> says how to ask for less.</summary>
    public void Check(long bytes, string advice)
    {
        if (bytes > MaxBytes)
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"The reply would pass {MaxBytes / 1048576.0:0.#} MiB, the most one call may get: {advice}"));
    }
}
