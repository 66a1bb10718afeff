using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ArcFace.VectorDb.Server.Observability;

/// <summary>
/// Logs one line per call with structured fields (Method, StatusCode, ElapsedMs, Peer, Collection): Information,
/// or Warning for a failure that is the server's concern rather than the caller's (not NOT_FOUND, INVALID_ARGUMENT,
/// ALREADY_EXISTS, CANCELLED). Only bounded, escaped fields are logged: the collection name is cut to 64 characters
/// with control characters escaped, and left out altogether for a call that failed authentication.
/// </summary>
public sealed partial class CallLogInterceptor(ILogger<CallLogInterceptor> logger) : CallObservingInterceptor
{
    /// <inheritdoc />
    protected override void Finished(ServerCallContext context, in CallOutcome outcome)
    {
        var level = LevelOf(outcome.Code);
        if (!logger.IsEnabled(level))
            return;
        string code = StatusCodeNames.Of(outcome.Code);
        double elapsedMs = Math.Round(outcome.Elapsed.TotalMilliseconds, 3);
        string? collection = outcome.Code == StatusCode.Unauthenticated || outcome.Collection is null ? null : CollectionNames.Shown(outcome.Collection);
        Call(logger, level, outcome.Method, code, elapsedMs, context.Peer, collection);
    }

    /// <summary>The level a call that ended with <paramref name="code"/> is logged at.</summary>
    internal static LogLevel LevelOf(StatusCode code) =>
        code is StatusCode.OK or StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.AlreadyExists or StatusCode.Cancelled ? LogLevel.Information : LogLevel.Warning;

    [LoggerMessage(EventId = 1, EventName = "GrpcCall", Message = "{Method} {StatusCode} in {ElapsedMs} ms from {Peer}, collection {Collection}")]
    private static partial void Call(ILogger logger, LogLevel level, string method, string statusCode, double elapsedMs, string peer, string? collection);
}
