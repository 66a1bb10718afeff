namespace ArcFace.VectorDb.Evaluation.Tests.Retrieval;

/// <summary>Compares retrieval figures (percentages keyed by K) with hand-computed ones.</summary>
internal static class ScoreAssert
{
    private const int Precision = 10;

    /// <summary>Asserts Recall@K for each K given, mAP@K at one K, and rank-1.</summary>
    public static void Equal(
        IReadOnlyDictionary<string, double> recallAt, IReadOnlyDictionary<string, double> mapAt, double rank1,
        (int K, double Percent)[] expectedRecall, (int K, double Percent) expectedMap, double expectedRank1)
    {
        Assert.Equal(expectedRecall.Select(r => r.K.ToString()).Order(), recallAt.Keys.Order());
        foreach (var (k, percent) in expectedRecall)
            Assert.Equal(percent, recallAt[k.ToString()], Precision);
        Assert.Equal(expectedMap.Percent, mapAt[expectedMap.K.ToString()], Precision);
        Assert.Equal(expectedRank1, rank1, Precision);
    }
}
