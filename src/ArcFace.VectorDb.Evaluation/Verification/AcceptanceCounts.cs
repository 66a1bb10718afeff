namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Per fold and threshold of a grid, how many same and different pairs are accepted; the training split is everything but the fold.</summary>
internal sealed class AcceptanceCounts
{
    private readonly int[,] _same;
    private readonly int[,] _different;
    private readonly int[] _totalSame;
    private readonly int[] _totalDifferent;
    private readonly int _never;

    public AcceptanceCounts(ThresholdGrid grid, ReadOnlySpan<double> distance, ReadOnlySpan<bool> same, PairFolds folds)
    {
        _never = grid.Count;
        _same = new int[folds.Count, grid.Count + 1];
        _different = new int[folds.Count, grid.Count + 1];
        _totalSame = new int[grid.Count + 1];
        _totalDifferent = new int[grid.Count + 1];
        for (int fold = 0; fold < folds.Count; fold++)
        {
            var (start, end) = folds[fold];
            for (int p = start; p < end; p++)
            {
                int first = grid.FirstAccepting(distance[p]);
                if (same[p])
                    _same[fold, first]++;
                else
                    _different[fold, first]++;
            }
            // Cumulate: a threshold accepts every pair whose first accepting threshold is at or below it.
            for (int j = 0; j <= grid.Count; j++)
            {
                if (j > 0)
                {
                    _same[fold, j] += _same[fold, j - 1];
                    _different[fold, j] += _different[fold, j - 1];
                }
                _totalSame[j] += _same[fold, j];
                _totalDifferent[j] += _different[fold, j];
            }
        }
    }

    /// <summary>Pairs of the fold accepted at threshold j; j = grid count gives all the fold's pairs.</summary>
    public PairCounts InFold(int fold, int j) => new(_same[fold, j], _different[fold, j]);

    /// <summary>Pairs outside the fold accepted at threshold j; j = grid count gives all of them.</summary>
    public PairCounts OutsideFold(int fold, int j) => new(_totalSame[j] - _same[fold, j], _totalDifferent[j] - _different[fold, j]);

    /// <summary>All same and different pairs of the fold.</summary>
    public PairCounts FoldSize(int fold) => InFold(fold, _never);

    /// <summary>All same and different pairs outside the fold.</summary>
    public PairCounts TrainingSize(int fold) => OutsideFold(fold, _never);
}
