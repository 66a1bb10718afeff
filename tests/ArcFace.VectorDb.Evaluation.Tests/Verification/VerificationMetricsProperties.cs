using ArcFace.VectorDb.Evaluation.Verification;
using FsCheck.Xunit;

namespace ArcFace.VectorDb.Evaluation.Tests.Verification;

/// <summary>Random scored pairs, checked against what the verification figures must always satisfy.</summary>
public class VerificationMetricsProperties
{
    [Property(MaxTest = 100)]
    public void Every_figure_stays_in_range_whatever_the_scores((sbyte Score, bool Same)[] raw)
    {
        if (raw.Length < 10)
            return;
        float[] scores = [.. raw.Select(p => p.Score / 128f)];
        bool[] same = [.. raw.Select(p => p.Same)];

        var report = VerificationMetrics.Compute(scores, same);

        // Separable scores need not give 100: a fold whose training split lacks same pairs (or holds only higher-scoring
        // ones) picks a threshold that rejects the fold's own same pairs, as insightface's first-best sweep does.
        Assert.InRange(report.AccuracyMean, 0, 100);
        Assert.InRange(report.AccuracyStd, 0, 50);
        Assert.InRange(report.Threshold, -1, 1);
        foreach (var tar in report.TarAtFar.Values.OfType<TarAtFarScore>())
        {
            Assert.InRange(tar.Mean, 0, 100);
            Assert.InRange(tar.Far, 0, 1);
        }
    }
}
