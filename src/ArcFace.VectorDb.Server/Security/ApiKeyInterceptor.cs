using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ArcFace.VectorDb.Server.Security;

/// <summary>
/// Requires "authorization: Bearer KEY" on every call but health checks: a missing or wrong key is UNAUTHENTICATED
/// (before any handler runs, so nothing about collections leaks); a read-only key calling a write is PERMISSION_DENIED.
/// </summary>
public sealed class ApiKeyInterceptor(ApiKeys keys) : Interceptor
{
    /// <summary>The <see cref="ServerCallContext.UserState"/> entry holding the caller's <see cref="AccessLevel"/> once the key is checked (absent when the server needs no key).</summary>
    public const string AccessLevelKey = "arcvdb.access-level";

    /// <summary>The access the call's key was granted, or null when the server runs without keys (everyone may write).</summary>
    public static AccessLevel? Granted(ServerCallContext context) =>
        context.UserState.TryGetValue(AccessLevelKey, out object? level) && level is AccessLevel granted ? granted : null;

    /// <summary>What the caller of <paramref name="context"/> may do, as GetAccess answers it.</summary>
    public static Protos.Access Access(ServerCallContext context) => Granted(context) switch
    {
        null => new Protos.Access { CanWrite = true, KeysRequired = false },
        var level => new Protos.Access { CanWrite = level == AccessLevel.Write, KeysRequired = true },
    };

    private static readonly HashSet<string> ReadMethods = ["ListCollections", "GetCollection", "Get", "GetThumbnail", "Search", "SearchBatch", "SearchByImage", "GetJob", "GetJobFile", "ListJobs", "WatchJob", "GetAccess", "GetClusterStatus"];

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    /// <inheritdoc />
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        if (context.Method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal))
            return;
        string? header = context.RequestHeaders.GetValue("authorization");
        string? key = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var level = keys.Check(key);
        if (level == AccessLevel.None)
            throw new RpcException(new Status(StatusCode.Unauthenticated, "A valid API key is required: send 'authorization: Bearer <key>'."));
        context.UserState[AccessLevelKey] = level;
        string method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        bool reads = ReadMethods.Contains(method) || context.Method.StartsWith("/grpc.reflection.", StringComparison.Ordinal);
        if (level == AccessLevel.Read && !reads)
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"This API key is read-only; {method} writes."));
    }
}
