using System.Runtime.CompilerServices;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>Maps a metric to an internal distance (lower is closer) and back to the score users see.</summary>
internal static unsafe class MetricDistance
{
    /// <summary>Distance between two vectors under the metric; for inner product it is the negated dot product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Compute(Metric metric, float* a, float* b, int length) =>
        metric == Metric.InnerProduct ? -DotProduct.Compute(a, b, length) : SquaredEuclidean.Compute(a, b, length);

    /// <summary>
    /// Score reported to callers for an internal distance: higher is nearer under every metric, so hits always come in
    /// descending score. Inner product: the dot product; L2: the negated squared Euclidean distance.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToScore(float distance) => -distance;
}
