namespace ArcFace.VectorDb.Evaluation.Ann;

/// <summary>Percentiles of latency samples (nearest-rank on the sorted samples).</summary>
public static class LatencyPercentiles
{
    /// <summary>The p-th percentile (0 &lt; p ≤ 100) of samples; sorts the span in place.</summary>
    public static double Of(Span<double> samples, double percentile)
    {
        if (samples.IsEmpty)
            throw new ArgumentException("No samples.", nameof(samples));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        samples.Sort();
        int rank = (int)Math.Ceiling(percentile / 100.0 * samples.Length);
        return samples[Math.Clamp(rank, 1, samples.Length) - 1];
    }
}
