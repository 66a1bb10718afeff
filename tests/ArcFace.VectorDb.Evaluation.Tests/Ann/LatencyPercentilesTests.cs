using ArcFace.VectorDb.Evaluation.Ann;

namespace ArcFace.VectorDb.Evaluation.Tests.Ann;

public class LatencyPercentilesTests
{
    [Fact]
    public void Nearest_rank_percentiles_of_one_to_one_hundred_are_the_ranks_themselves()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)(101 - i)).ToArray();
        Assert.Equal(50, LatencyPercentiles.Of(samples, 50));
        Assert.Equal(99, LatencyPercentiles.Of(samples, 99));
        Assert.Equal(100, LatencyPercentiles.Of(samples, 100));
    }

    [Fact]
    public void A_single_sample_is_every_percentile()
    {
        Assert.Equal(7, LatencyPercentiles.Of(new double[] { 7 }, 1));
        Assert.Equal(7, LatencyPercentiles.Of(new double[] { 7 }, 99));
    }

    [Fact]
    public void No_samples_or_a_percentile_out_of_range_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => LatencyPercentiles.Of(Array.Empty<double>(), 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyPercentiles.Of(new double[] { 1 }, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyPercentiles.Of(new double[] { 1 }, 101));
    }
}
