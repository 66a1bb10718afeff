using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ArcFace.VectorDb.Server.Observability;

/// <summary>
/// Base of the interceptors that watch every call end, in all four call shapes: the status is the handler's
/// (an RpcException's code; UNKNOWN for any other exception, as Grpc.AspNetCore answers; CANCELLED or
/// DEADLINE_EXCEEDED whenever the call's token was cancelled, since no answer reaches the caller then), with the
/// duration and named collection.
/// </summary>
public abstract class CallObservingInterceptor : Interceptor
{
    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        ObserveAsync(context, () => RequestCollection.Of(request), () => continuation(request, context));

    /// <inheritdoc />
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var reader = new CollectionCapturingReader<TRequest>(requestStream);
        return ObserveAsync(context, () => reader.Collection, () => continuation(reader, context));
    }

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        ObserveAsync(context, () => RequestCollection.Of(request), () => Completed(continuation(request, responseStream, context)));

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var reader = new CollectionCapturingReader<TRequest>(requestStream);
        return ObserveAsync(context, () => reader.Collection, () => Completed(continuation(reader, responseStream, context)));
    }

    /// <summary>Called once when a call ends, whatever its outcome.</summary>
    protected abstract void Finished(ServerCallContext context, in CallOutcome outcome);

    /// <summary>The status a call ends with when its handler threw <paramref name="exception"/> (null: it returned).</summary>
    internal static StatusCode StatusOf(Exception? exception, ServerCallContext context) => exception switch
    {
        RpcException rpc => rpc.StatusCode,
        _ when context.CancellationToken.IsCancellationRequested =>
            context.Status.StatusCode == StatusCode.DeadlineExceeded || context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
        null => context.Status.StatusCode,
        _ => StatusCode.Unknown,
    };

    private async Task<T> ObserveAsync<T>(ServerCallContext context, Func<string?> collection, Func<Task<T>> handler)
    {
        long started = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        try
        {
            var response = await handler();
            code = StatusOf(null, context);
            return response;
        }
        catch (Exception e)
        {
            code = StatusOf(e, context);
            throw;
        }
        finally
        {
            Finished(context, new CallOutcome(context.Method, code, Stopwatch.GetElapsedTime(started), collection()));
        }
    }

    /// <summary>A streaming handler's task as a Task with a result, so one ObserveAsync serves every call shape.</summary>
    private static async Task<bool> Completed(Task streaming)
    {
        await streaming;
        return true;
    }
}
