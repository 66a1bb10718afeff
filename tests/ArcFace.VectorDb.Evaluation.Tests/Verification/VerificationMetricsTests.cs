using ArcFace.VectorDb.Evaluation.Verification;

namespace ArcFace.VectorDb.Evaluation.Tests.Verification;

/// <summary>
/// Pair lists whose answer follows by hand. Scores are cosines; the distance insightface thresholds is 2 − 2·cos, so a
/// cosine of 0.9025 sits at distance 0.195, clear of the 0.01 accuracy grid and the 0.001 FAR grid.
/// </summary>
public class VerificationMetricsTests
{
    private const int Precision = 9;

    [Fact]
    public void Perfectly_separable_scores_give_full_accuracy_and_full_tar_where_far_is_measurable()
    {
        // 10 folds of 20 same pairs at 0.8 and 20 different at 0.1. Training splits hold 180 different pairs: enough
        // for FAR 1e-1 and 1e-2 (10 and 100 needed), too few for 1e-3 and 1e-4.
        var (scores, same) = Folds(10, (20, 0.8f, true), (20, 0.1f, false));

        var report = VerificationMetrics.Compute(scores, same);

        Assert.Equal(400, report.Pairs);
        Assert.Equal(200, report.SamePairs);
        Assert.Equal(100, report.AccuracyMean, Precision);
        Assert.Equal(0, report.AccuracyStd, Precision);
        // The first (lowest) distance threshold accepting the same pairs at distance 0.4 is 0.40 itself (0.8f lies a
        // hair above 0.8), that is cosine 1 − 0.4/2.
        Assert.Equal(0.8, report.Threshold, Precision);
        Assert.Equal(100, report.TarAtFar["1e-1"]!.Mean, Precision);
        Assert.Equal(0, report.TarAtFar["1e-1"]!.Far, Precision);
        Assert.Equal(100, report.TarAtFar["1e-2"]!.Mean, Precision);
        Assert.Null(report.TarAtFar["1e-3"]);
        Assert.Null(report.TarAtFar["1e-4"]);
    }

    [Fact]
    public void Overlapping_scores_reach_the_best_accuracy_a_single_threshold_allows()
    {
        // Each fold: 4 same at 0.9025, 1 same at 0.3025, 1 different at 0.5025, 4 different at 0.1025.
        // Cutting above 0.5025 gets 4 + 5 right; cutting below 0.3025 also gets 5 + 4 right; no cut beats 9 of 10.
        // insightface takes the first best threshold of the sweep, the lowest distance: 0.20, cosine 0.9.
        var (scores, same) = Folds(10, (4, 0.9025f, true), (1, 0.3025f, true), (1, 0.5025f, false), (4, 0.1025f, false));

        var report = VerificationMetrics.Compute(scores, same);

        Assert.Equal(90, report.AccuracyMean, Precision);
        Assert.Equal(0, report.AccuracyStd, Precision);
        Assert.Equal(0.9, report.Threshold, Precision);
    }

    [Fact]
    public void Accuracy_is_averaged_over_test_folds_with_the_population_standard_deviation()
    {
        // Two folds. A: 5 same at 0.9025, 5 different at 0.1025 (separable). B: like A, but one same pair scores 0.1025.
        // Both training splits pick the threshold just above 0.9025's distance; A scores 10/10 and B 9/10:
        // mean 95, std sqrt(((100−95)² + (90−95)²) / 2) = 5.
        var (a, aSame) = Folds(1, (5, 0.9025f, true), (5, 0.1025f, false));
        var (b, bSame) = Folds(1, (4, 0.9025f, true), (1, 0.1025f, true), (5, 0.1025f, false));

        var report = VerificationMetrics.Compute([.. a, .. b], [.. aSame, .. bSame], folds: 2);

        Assert.Equal(95, report.AccuracyMean, Precision);
        Assert.Equal(5, report.AccuracyStd, Precision);
    }

    [Fact]
    public void Tied_scores_are_accepted_or_rejected_together()
    {
        // Every pair scores 0.5, half of them same: any threshold gets exactly one of each fold's two pairs right.
        // Accepting none and accepting all tie on the training folds; the first, distance 0, accepts nothing (cosine 1).
        var (scores, same) = Folds(10, (1, 0.5f, true), (1, 0.5f, false));

        var report = VerificationMetrics.Compute(scores, same);

        Assert.Equal(50, report.AccuracyMean, Precision);
        Assert.Equal(1, report.Threshold, Precision);
    }

    [Fact]
    public void Tar_at_far_interpolates_the_threshold_between_the_grid_points_around_the_target()
    {
        // Each fold: 5 same at 0.9025 and 5 at 0.5025 (distances 0.195, 0.995), 2 different at 0.7025 (0.595) and 8 at
        // 0.1025 (1.795). Training FAR is 0 up to the threshold just above 0.595, where it jumps to 18/90 = 0.2; the
        // target 0.1 lies halfway, so the threshold falls 0.0005 past the last zero-FAR grid point, between 0.595 and
        // 0.596. It accepts the same pairs at 0.195 and not those at 0.995: TAR 50 in every fold.
        var (scores, same) = Folds(10, (5, 0.9025f, true), (5, 0.5025f, true), (2, 0.7025f, false), (8, 0.1025f, false));

        var report = VerificationMetrics.Compute(scores, same);

        Assert.Equal(50, report.TarAtFar["1e-1"]!.Mean, Precision);
        Assert.Equal(0, report.TarAtFar["1e-1"]!.Std, Precision);
        Assert.Null(report.TarAtFar["1e-2"]);
    }

    [Fact]
    public void Tar_is_zero_when_no_threshold_lets_the_far_reach_the_target()
    {
        // Different pairs at cosine −1 sit at distance 4, beyond every threshold: the training FAR stays 0, and
        // insightface then uses threshold 0, which accepts nothing.
        var (scores, same) = Folds(10, (20, 0.8f, true), (20, -1f, false));

        var report = VerificationMetrics.Compute(scores, same);

        Assert.Equal(0, report.TarAtFar["1e-1"]!.Mean, Precision);
        Assert.Equal(0, report.TarAtFar["1e-2"]!.Mean, Precision);
    }

    [Fact]
    public void Far_is_not_measurable_without_different_pairs_in_every_test_fold()
    {
        var (scores, same) = Folds(10, (30, 0.8f, true));
        var report = VerificationMetrics.Compute(scores, same);
        Assert.All(report.TarAtFar.Values, Assert.Null);
        Assert.Equal(["1e-1", "1e-2", "1e-3", "1e-4"], report.TarAtFar.Keys);
    }

    [Fact]
    public void Mismatched_inputs_too_few_pairs_and_non_finite_scores_are_refused()
    {
        Assert.Throws<ArgumentException>(() => VerificationMetrics.Compute([0.1f, 0.2f], [true]));
        Assert.Throws<ArgumentException>(() => VerificationMetrics.Compute([0.1f, 0.2f], [true, false]));
        Assert.Throws<ArgumentOutOfRangeException>(() => VerificationMetrics.Compute([0.1f, 0.2f], [true, false], folds: 1));
        Assert.Throws<ArgumentException>(() => VerificationMetrics.Compute([float.NaN, 0.2f], [true, false], folds: 2));
    }

    /// <summary>Scores and flags of folds that each hold the given groups (count pairs scoring score, same or not), in order.</summary>
    private static (float[] Scores, bool[] Same) Folds(int folds, params (int Count, float Score, bool Same)[] groups)
    {
        var scores = new List<float>();
        var same = new List<bool>();
        for (int fold = 0; fold < folds; fold++)
        {
            foreach (var (count, score, isSame) in groups)
            {
                scores.AddRange(Enumerable.Repeat(score, count));
                same.AddRange(Enumerable.Repeat(isSame, count));
            }
        }
        return ([.. scores], [.. same]);
    }
}
