namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>The ROC of scored pairs over all of them (no folds), at insightface's 400 distance thresholds 0, 0.01, …, 3.99.</summary>
internal static class RocCurve
{
    /// <summary>Points from the strictest threshold to the loosest, a point equal to the one before left out; empty unless there are same and different pairs.</summary>
    public static IReadOnlyList<RocPoint> Compute(ReadOnlySpan<float> similarity, ReadOnlySpan<bool> same)
    {
        var grid = VerificationMetrics.AccuracyGrid;
        var firstSame = new int[grid.Count + 1];
        var firstDifferent = new int[grid.Count + 1];
        for (int p = 0; p < similarity.Length; p++)
        {
            int first = grid.FirstAccepting(VerificationMetrics.Distance(similarity[p]));
            (same[p] ? firstSame : firstDifferent)[first]++;
        }
        int sameCount = firstSame.Sum(), differentCount = firstDifferent.Sum();
        var points = new List<RocPoint>();
        if (sameCount == 0 || differentCount == 0)
            return points;
        int acceptedSame = 0, acceptedDifferent = 0;
        for (int j = 0; j < grid.Count; j++)
        {
            acceptedSame += firstSame[j];
            acceptedDifferent += firstDifferent[j];
            var point = new RocPoint(Math.Round(1 - grid[j] / 2, 3), acceptedDifferent / (double)differentCount, 100.0 * acceptedSame / sameCount);
            if (points.Count == 0 || points[^1].Far != point.Far || points[^1].Tar != point.Tar)
                points.Add(point);
        }
        return points;
    }
}
