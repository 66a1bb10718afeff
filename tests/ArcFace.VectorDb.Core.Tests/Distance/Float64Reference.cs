namespace ArcFace.VectorDb.Core.Tests.Distance;

/// <summary>Kernel results computed in float64, and the tolerance a float32 kernel is held to.</summary>
public static class Float64Reference
{
    /// <summary>Relative tolerance of every kernel against this reference.</summary>
    public const double RelativeTolerance = 1e-5;

    /// <summary>Σ aᵢbᵢ and Σ |aᵢbᵢ| (the scale the error is relative to: cancellation cannot be blamed on the kernel).</summary>
    public static (double Value, double Magnitude) Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0, magnitude = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double term = (double)a[i] * b[i];
            sum += term;
            magnitude += Math.Abs(term);
        }
        return (sum, magnitude);
    }

    /// <summary>Σ (aᵢ − bᵢ)²; every term is positive, so the value is its own magnitude.</summary>
    public static (double Value, double Magnitude) SquaredL2(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (double)a[i] - b[i];
            sum += d * d;
        }
        return (sum, sum);
    }

    /// <summary>Whether a float32 result is within the relative tolerance of the reference.</summary>
    public static bool Agrees(float actual, (double Value, double Magnitude) expected) =>
        Math.Abs(actual - expected.Value) <= RelativeTolerance * expected.Magnitude + 1e-30;
}
