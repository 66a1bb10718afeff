using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Observability;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ArcFace.VectorDb.Server.Tests.Observability;

/// <summary>How the observing interceptors name a call's end: status mapping, status names, log levels.</summary>
public class CallObservingInterceptorTests
{
    private const string Method = "/arcface.vectordb.v1.VectorDb/GetCollection";

    [Fact]
    public async Task Status_is_the_RpcException_code_UNKNOWN_for_other_exceptions_and_CANCELLED_or_DEADLINE_EXCEEDED_when_the_token_stopped_the_call()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var notFound = await Outcome(_ => throw new RpcException(new Status(StatusCode.NotFound, "none")));
        var bug = await Outcome(_ => throw new InvalidOperationException("bug"));
        var stopped = await Outcome(_ => throw new OperationCanceledException(), token: cancelled.Token);
        var late = await Outcome(_ => throw new OperationCanceledException(), DateTime.UtcNow.AddSeconds(-1), cancelled.Token);
        var returnedAfterCancel = await Outcome(_ => { }, token: cancelled.Token);
        var setStatus = await Outcome(context => context.Status = new Status(StatusCode.ResourceExhausted, "full"));
        var ok = await Outcome(_ => { });

        Assert.Equal(
            [StatusCode.NotFound, StatusCode.Unknown, StatusCode.Cancelled, StatusCode.DeadlineExceeded, StatusCode.Cancelled, StatusCode.ResourceExhausted, StatusCode.OK],
            [notFound.Code, bug.Code, stopped.Code, late.Code, returnedAfterCancel.Code, setStatus.Code, ok.Code]);
        Assert.Equal((Method, "faces"), (ok.Method, ok.Collection));
    }

    [Fact]
    public void Status_names_are_the_canonical_upper_snake_case_ones()
    {
        Assert.Equal(["OK", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "UNAUTHENTICATED", "DATA_LOSS"],
            new[] { StatusCode.OK, StatusCode.InvalidArgument, StatusCode.DeadlineExceeded, StatusCode.Unauthenticated, StatusCode.DataLoss }.Select(StatusCodeNames.Of));
    }

    [Fact]
    public void Caller_mistakes_log_at_Information_and_server_side_failures_at_Warning()
    {
        Assert.Equal(
            [LogLevel.Information, LogLevel.Information, LogLevel.Information, LogLevel.Information, LogLevel.Warning, LogLevel.Warning, LogLevel.Warning],
            new[] { StatusCode.OK, StatusCode.NotFound, StatusCode.InvalidArgument, StatusCode.Cancelled, StatusCode.Unknown, StatusCode.Unauthenticated, StatusCode.Internal }
                .Select(CallLogInterceptor.LevelOf));
    }

    /// <summary>The outcome the interceptor reports for a unary GetCollection("faces") whose handler runs <paramref name="handler"/>.</summary>
    private static async Task<CallOutcome> Outcome(Action<ServerCallContext> handler, DateTime? deadline = null, CancellationToken token = default)
    {
        var recorder = new Recorder();
        var context = new FakeCallContext(Method, deadline ?? DateTime.MaxValue, token);
        try
        {
            await recorder.UnaryServerHandler<GetCollectionRequest, CollectionInfo>(new GetCollectionRequest { Name = "faces" }, context, (_, c) =>
            {
                handler(c);
                return Task.FromResult(new CollectionInfo());
            });
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or OperationCanceledException)
        {
            // The interceptor passes the handler's exception on; the outcome is what is checked.
        }
        return recorder.Outcomes.Single();
    }

    private sealed class Recorder : CallObservingInterceptor
    {
        public List<CallOutcome> Outcomes { get; } = [];

        protected override void Finished(ServerCallContext context, in CallOutcome outcome) => Outcomes.Add(outcome);
    }
}
