using ArcFace.VectorDb.Evaluation.Verification;

namespace ArcFace.VectorDb.Evaluation.Tests.Verification;

/// <summary>The pieces under the verification metrics: folds, threshold grid, FAR interpolation.</summary>
public class ThresholdSweepTests
{
    [Fact]
    public void Folds_are_consecutive_and_the_first_ones_take_the_remainder_as_sklearn_kfold_does()
    {
        var folds = new PairFolds(23, 10);
        Assert.Equal((0, 3), folds[0]);
        Assert.Equal((6, 9), folds[2]);
        Assert.Equal((9, 11), folds[3]);
        Assert.Equal((21, 23), folds[9]);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.005, 1)]
    [InlineData(0.01, 2)]
    [InlineData(3.985, 399)]
    [InlineData(3.99, 400)]
    [InlineData(10.0, 400)]
    public void A_threshold_accepts_distances_strictly_below_it(double distance, int firstAccepting)
    {
        Assert.Equal(firstAccepting, new ThresholdGrid(0.01, 400).FirstAccepting(distance));
    }

    [Theory]
    // Training negatives at 0.25, 0.45, 0.45, 0.85 on the grid 0, 0.1, …, 0.9 give the FAR 0 0 0 ¼ ¼ ¾ ¾ ¾ ¾ 1.
    [InlineData(0.5, 0.45)]  // between ¼ at 0.4 and ¾ at 0.5: 0.4 + (0.5 − ¼)/(¾ − ¼) · 0.1
    [InlineData(0.25, 0.4)]  // the target itself at 0.3 and 0.4: the last of them, as scipy's slinear spline gives
    [InlineData(0.1, 0.24)]  // between 0 at 0.2 and ¼ at 0.3: 0.2 + 0.1/¼ · 0.1
    public void The_far_threshold_interpolates_between_the_last_point_at_or_below_the_target_and_the_next(double target, double threshold)
    {
        var grid = new ThresholdGrid(0.1, 10);
        double[] distance = [0.25, 0.45, 0.45, 0.85, 0.1, 0.1, 0.1, 0.1];
        bool[] same = [false, false, false, false, true, true, true, true];
        var counts = new AcceptanceCounts(grid, distance, same, new PairFolds(8, 2));
        Assert.Equal(threshold, FarThreshold.Find(counts, grid, fold: 1, target), 12);
    }
}
