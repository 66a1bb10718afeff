namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Pairs split into consecutive folds, the first Pairs % Count folds one pair larger, as sklearn's KFold without shuffling splits them.</summary>
internal readonly record struct PairFolds
{
    public PairFolds(int pairs, int count)
    {
        if (count < 2)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Cross-validation needs at least 2 folds.");
        if (pairs < count)
            throw new ArgumentException($"{pairs} pairs cannot be split into {count} folds.", nameof(pairs));
        Pairs = pairs;
        Count = count;
    }

    /// <summary>Number of pairs split.</summary>
    public int Pairs { get; }

    /// <summary>Number of folds.</summary>
    public int Count { get; }

    /// <summary>The pair indices [Start, End) of one fold.</summary>
    public (int Start, int End) this[int fold]
    {
        get
        {
            int size = Pairs / Count, larger = Pairs % Count;
            int start = fold * size + Math.Min(fold, larger);
            return (start, start + size + (fold < larger ? 1 : 0));
        }
    }
}
