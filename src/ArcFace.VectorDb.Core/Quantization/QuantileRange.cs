namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>The clipping range of a set of values: the central <c>quantile</c> share of them, half of the rest cut off each side.</summary>
internal static class QuantileRange
{
    /// <summary>Sorts <paramref name="values"/> in place and returns the bounds of its central quantile (min and max when null or 1).</summary>
    public static (float Lower, float Upper) Of(Span<float> values, double? quantile)
    {
        if (values.IsEmpty)
            throw new ArgumentException("Cannot train a range on no values.", nameof(values));
        values.Sort();
        double q = quantile ?? 1.0;
        if (!(q > 0 && q <= 1))
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "The quantile must be in (0, 1].");
        int last = values.Length - 1;
        int lower = (int)Math.Floor((1 - q) / 2 * last);
        int upper = (int)Math.Ceiling((1 + q) / 2 * last);
        return (values[lower], values[Math.Min(upper, last)]);
    }
}
