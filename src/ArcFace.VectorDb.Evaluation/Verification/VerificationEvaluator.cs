namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Turns the scored pairs of a pair list into a <see cref="VerificationEvaluation"/>.</summary>
public static class VerificationEvaluator
{
    /// <summary>k-fold figures, mean similarity per kind of pair and the ROC of pairs scored by cosine similarity, in pair list order.</summary>
    public static VerificationEvaluation Evaluate(VerificationSource source, ReadOnlySpan<float> similarity, ReadOnlySpan<bool> same, int folds = 10)
    {
        ArgumentNullException.ThrowIfNull(source);
        var metrics = VerificationMetrics.Compute(similarity, same, folds);
        double sameSum = 0, differentSum = 0;
        for (int p = 0; p < similarity.Length; p++)
        {
            if (same[p])
                sameSum += similarity[p];
            else
                differentSum += similarity[p];
        }
        int differentPairs = metrics.Pairs - metrics.SamePairs;
        return new VerificationEvaluation(
            source, metrics,
            metrics.SamePairs > 0 ? sameSum / metrics.SamePairs : null,
            differentPairs > 0 ? differentSum / differentPairs : null,
            RocCurve.Compute(similarity, same));
    }
}
