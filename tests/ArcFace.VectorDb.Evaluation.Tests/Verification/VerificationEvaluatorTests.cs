using ArcFace.VectorDb.Evaluation.Verification;

namespace ArcFace.VectorDb.Evaluation.Tests.Verification;

public class VerificationEvaluatorTests
{
    private static readonly VerificationSource Source = new("four", "/pairs.csv", 5, 1, 8, 1);

    // Same pairs at 0.9 and 0.5, different ones at 0.3 and −0.2: distances 0.2, 1.0, 1.4 and 2.4 (a hair above each,
    // as the float cosines lie a hair off), first accepted at the thresholds 0.21, 1.01, 1.40 and 2.41.
    private static readonly float[] Scores = [0.9f, 0.3f, 0.5f, -0.2f];
    private static readonly bool[] Same = [true, false, true, false];

    [Fact]
    public void Roc_steps_through_the_insightface_thresholds_leaving_out_repeated_points()
    {
        var roc = VerificationEvaluator.Evaluate(Source, Scores, Same, folds: 2).Roc;

        Assert.Equal(
            [new RocPoint(1, 0, 0), new RocPoint(0.895, 0, 50), new RocPoint(0.495, 0, 100), new RocPoint(0.3, 0.5, 100), new RocPoint(-0.205, 1, 100)],
            roc);
    }

    [Fact]
    public void Metrics_are_those_of_verification_metrics_and_means_are_per_kind_of_pair()
    {
        var evaluation = VerificationEvaluator.Evaluate(Source, Scores, Same, folds: 2);

        Assert.Same(Source, evaluation.Source);
        Assert.Equal(VerificationMetrics.Compute(Scores, Same, 2).AccuracyMean, evaluation.Metrics.AccuracyMean);
        Assert.Equal(0.7, evaluation.SameMeanSimilarity!.Value, 6);
        Assert.Equal(0.05, evaluation.DifferentMeanSimilarity!.Value, 6);
    }

    [Fact]
    public void Without_different_pairs_there_is_no_roc_and_no_different_mean()
    {
        var evaluation = VerificationEvaluator.Evaluate(Source, [0.9f, 0.5f], [true, true], folds: 2);

        Assert.Empty(evaluation.Roc);
        Assert.Null(evaluation.DifferentMeanSimilarity);
    }
}
