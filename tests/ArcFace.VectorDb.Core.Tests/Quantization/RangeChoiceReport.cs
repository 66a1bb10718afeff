using ArcFace.VectorDb.Core.Quantization;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Core.Tests.Quantization;

/// <summary>Score errors of every range kind and quantile on unit vectors: the figures behind the default options.</summary>
public class RangeChoiceReport(ITestOutputHelper output)
{
    private static readonly double?[] Quantiles = [null, 0.999, 0.99, 0.95];

    [Theory]
    [InlineData(128, 0.0)]
    [InlineData(128, 0.5)]
    [InlineData(512, 0.0)]
    [InlineData(512, 0.5)]
    public void The_default_global_min_max_range_has_the_smallest_worst_score_error_on_unit_vectors(int dimension, double anisotropy)
    {
        var defaults = ScoreErrors.Measure(dimension, ScalarQuantizerOptions.Default, anisotropy);
        output.WriteLine("| dim | anisotropy | range | quantile | asym mean | asym max | sym mean | sym max |");
        foreach (var range in (ScalarRange[])[ScalarRange.Global, ScalarRange.PerDimension])
            foreach (double? quantile in Quantiles)
            {
                var e = ScoreErrors.Measure(dimension, new ScalarQuantizerOptions { Range = range, Quantile = quantile }, anisotropy);
                output.WriteLine($"| {dimension} | {anisotropy} | {range} | {quantile?.ToString() ?? "min/max"} | {e.AsymmetricMean:E2} | {e.AsymmetricMax:E2} | {e.SymmetricMean:E2} | {e.SymmetricMax:E2} |");
                Assert.True(defaults.AsymmetricMax <= e.AsymmetricMax && defaults.SymmetricMax <= e.SymmetricMax, $"{range} {quantile}: {e} beats the defaults {defaults}");
            }
    }
}
