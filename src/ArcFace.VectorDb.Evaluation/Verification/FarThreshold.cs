namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>The distance threshold at which the training pairs' false accept rate reaches a target, as insightface's calculate_val finds it.</summary>
internal static class FarThreshold
{
    /// <summary>
    /// Linear interpolation of the threshold over the grid's (FAR, threshold) points, between the last threshold whose FAR
    /// is at most the target and the next one (scipy's interp1d 'slinear' over a non-decreasing FAR); 0 when no
    /// threshold reaches the target, so nothing is accepted.
    /// </summary>
    public static double Find(AcceptanceCounts counts, ThresholdGrid grid, int fold, double target)
    {
        double negatives = counts.TrainingSize(fold).Different;
        double Far(int j) => counts.OutsideFold(fold, j).Different / negatives;
        if (Far(grid.Count - 1) < target)
            return 0;
        int below = 0;
        while (below + 1 < grid.Count && Far(below + 1) <= target)
            below++;
        double farBelow = Far(below);
        if (farBelow == target)
            return grid[below];
        double farAbove = Far(below + 1);
        return grid[below] + (target - farBelow) * (grid[below + 1] - grid[below]) / (farAbove - farBelow);
    }
}
