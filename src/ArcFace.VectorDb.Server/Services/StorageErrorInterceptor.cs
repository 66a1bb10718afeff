using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>
/// The one place where errors of the layers below become gRPC statuses, for every call shape: an unknown or dropped
/// collection is NOT_FOUND, a name taken is ALREADY_EXISTS, a bad argument INVALID_ARGUMENT, an error that knows its
/// status (<see cref="IGrpcStatusError"/>) that status. Anything else keeps
/// its RpcException status, or is UNKNOWN as Grpc.AspNetCore answers.
/// </summary>
internal sealed class StorageErrorInterceptor : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Status(e) is { } status)
        {
            throw new RpcException(status);
        }
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (Status(e) is { } status)
        {
            throw new RpcException(status);
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Status(e) is { } status)
        {
            throw new RpcException(status);
        }
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (Status(e) is { } status)
        {
            throw new RpcException(status);
        }
    }

    /// <summary>The status an exception from below stands for, or null when it is not one of ours to map.</summary>
    internal static Status? Status(Exception exception) => exception switch
    {
        CollectionNotFoundException e => new Status(StatusCode.NotFound, e.Message),
        CollectionExistsException e => new Status(StatusCode.AlreadyExists, e.Message),
        ArgumentException e => new Status(StatusCode.InvalidArgument, e.Message),
        IGrpcStatusError e => e.Status,
        _ => null,
    };
}
