using Grpc.Core;

namespace ArcFace.VectorDb.Server.Observability;

/// <summary>Counts every call and its duration in <see cref="ServerMetrics"/> (registered first, so refused calls count too).</summary>
public sealed class MetricsInterceptor(ServerMetrics metrics) : CallObservingInterceptor
{
    /// <inheritdoc />
    protected override void Finished(ServerCallContext context, in CallOutcome outcome) => metrics.RequestFinished(outcome.Method, outcome.Code, outcome.Elapsed);
}
