namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>How a <see cref="ScalarQuantizer"/> is trained: the range kind and the share of values kept inside the clipping range.</summary>
public sealed class ScalarQuantizerOptions
{
    /// <summary>The defaults: one global range, min to max (measured best for unit vectors: docs/bench/kernels.md, "Scalar quantiser ranges").</summary>
    public static ScalarQuantizerOptions Default { get; } = new();

    /// <summary>One global range (default) or one range per dimension.</summary>
    public ScalarRange Range { get; init; } = ScalarRange.Global;

    /// <summary>Share of sample values inside the range, in (0, 1]; the rest are clipped, half on each side; null or 1 is min/max.</summary>
    public double? Quantile { get; init; }
}
