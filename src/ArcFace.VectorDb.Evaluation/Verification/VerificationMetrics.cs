namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>k-fold verification accuracy and TAR@FAR over scored pairs, as insightface's verification.py computes them.</summary>
/// <remarks>
/// Scores are cosine similarities of L2-normalised embeddings. They are turned into insightface's distance, the squared
/// L2 distance 2 − 2·cos (clamped at 0), and a pair is accepted as the same when its distance is strictly below the
/// threshold. Accuracy: for each fold, the first threshold of 0, 0.01, …, 3.99 that maximises accuracy on the other
/// folds is applied to the fold. TAR@FAR: for each fold, the threshold of the grid 0, 0.001, …, 3.999 interpolated to
/// where the other folds' FAR reaches the target (0 when it never does) gives the fold's TAR. insightface divides by
/// zero when a split lacks same or different pairs; here a target FAR f is reported only when every training split holds
/// at least 1/f different pairs (one false accept is then a FAR of at most f) and every test fold holds a same and a
/// different pair, and is null otherwise.
/// </remarks>
public static class VerificationMetrics
{
    /// <summary>The distance thresholds 0, 0.01, …, 3.99 of the accuracy search (insightface's ROC thresholds too).</summary>
    internal static readonly ThresholdGrid AccuracyGrid = new(0.01, 400);
    private static readonly ThresholdGrid FarGrid = new(0.001, 4000);
    private static readonly (string Key, double Target, int NegativesNeeded)[] FarTargets =
        [("1e-1", 1e-1, 10), ("1e-2", 1e-2, 100), ("1e-3", 1e-3, 1_000), ("1e-4", 1e-4, 10_000)];

    /// <summary>Cross-validated figures of pairs scored by cosine similarity, split into consecutive folds in the given order.</summary>
    public static VerificationReport Compute(ReadOnlySpan<float> similarity, ReadOnlySpan<bool> same, int folds = 10)
    {
        if (similarity.Length != same.Length)
            throw new ArgumentException($"{similarity.Length} scores but {same.Length} same/different flags.", nameof(same));
        var split = new PairFolds(similarity.Length, folds);
        var distance = new double[similarity.Length];
        int samePairs = 0;
        for (int p = 0; p < distance.Length; p++)
        {
            if (!float.IsFinite(similarity[p]))
                throw new ArgumentException($"Pair {p} has the score {similarity[p]}; scores must be finite.", nameof(similarity));
            distance[p] = Distance(similarity[p]);
            samePairs += same[p] ? 1 : 0;
        }

        var (accuracy, threshold) = CrossValidatedAccuracy(new AcceptanceCounts(AccuracyGrid, distance, same, split), split);
        var farCounts = new AcceptanceCounts(FarGrid, distance, same, split);
        var tarAtFar = new Dictionary<string, TarAtFarScore?>(FarTargets.Length);
        foreach (var (key, target, needed) in FarTargets)
            tarAtFar[key] = Measurable(farCounts, split, needed) ? TarAt(farCounts, split, distance, same, target) : null;
        return new VerificationReport(
            distance.Length, samePairs, folds, 100 * accuracy.Mean, 100 * accuracy.Std, 1 - threshold / 2, tarAtFar);
    }

    /// <summary>insightface's distance of a cosine similarity: the squared L2 distance 2 − 2·cos of unit vectors, clamped at 0.</summary>
    internal static double Distance(float similarity) => Math.Max(0, 2 - 2 * (double)similarity);

    private static (MeanAndStd Accuracy, double MeanThreshold) CrossValidatedAccuracy(AcceptanceCounts counts, PairFolds split)
    {
        var accuracy = new double[split.Count];
        double thresholdSum = 0;
        for (int fold = 0; fold < split.Count; fold++)
        {
            int best = 0, bestCorrect = -1;
            for (int j = 0; j < AccuracyGrid.Count; j++)
            {
                int correct = Correct(counts.OutsideFold(fold, j), counts.TrainingSize(fold));
                if (correct > bestCorrect)
                    (best, bestCorrect) = (j, correct);
            }
            var size = counts.FoldSize(fold);
            accuracy[fold] = Correct(counts.InFold(fold, best), size) / (double)(size.Same + size.Different);
            thresholdSum += AccuracyGrid[best];
        }
        return (MeanAndStd.Of(accuracy), thresholdSum / split.Count);
    }

    /// <summary>Same pairs accepted plus different pairs rejected.</summary>
    private static int Correct(PairCounts accepted, PairCounts all) => accepted.Same + all.Different - accepted.Different;

    private static bool Measurable(AcceptanceCounts counts, PairFolds split, int negativesNeeded)
    {
        for (int fold = 0; fold < split.Count; fold++)
        {
            var test = counts.FoldSize(fold);
            if (counts.TrainingSize(fold).Different < negativesNeeded || test.Same == 0 || test.Different == 0)
                return false;
        }
        return true;
    }

    private static TarAtFarScore TarAt(AcceptanceCounts counts, PairFolds split, double[] distance, ReadOnlySpan<bool> same, double target)
    {
        var tar = new double[split.Count];
        double farSum = 0;
        for (int fold = 0; fold < split.Count; fold++)
        {
            double threshold = FarThreshold.Find(counts, FarGrid, fold, target);
            var (start, end) = split[fold];
            int trueAccepts = 0, falseAccepts = 0;
            for (int p = start; p < end; p++)
            {
                if (distance[p] < threshold)
                {
                    if (same[p])
                        trueAccepts++;
                    else
                        falseAccepts++;
                }
            }
            var size = counts.FoldSize(fold);
            tar[fold] = trueAccepts / (double)size.Same;
            farSum += falseAccepts / (double)size.Different;
        }
        var spread = MeanAndStd.Of(tar);
        return new TarAtFarScore(100 * spread.Mean, 100 * spread.Std, farSum / split.Count);
    }
}
