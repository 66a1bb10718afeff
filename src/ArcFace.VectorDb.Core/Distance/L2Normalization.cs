using System.Numerics.Tensors;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>Euclidean norm and in-place L2 normalisation of float32 vectors, exact for any finite vector.</summary>
public static class L2Normalization
{
    /// <summary>Returns the Euclidean norm of a vector (in float: it overflows beyond float range, use <see cref="Normalize"/> where that matters).</summary>
    public static float Norm(ReadOnlySpan<float> v) => MathF.Sqrt(DotProduct.Compute(v, v));

    /// <summary>
    /// Scales a vector to unit length in place and returns its original norm, in double so that no finite vector's
    /// norm overflows or underflows; a zero vector is left as it is and returns 0. The vector is first divided by its
    /// largest magnitude, so squaring neither overflows (3e38) nor flushes to zero (1e-30).
    /// </summary>
    public static double Normalize(Span<float> v)
    {
        if (v.IsEmpty)
            return 0;
        float largest = Math.Abs(TensorPrimitives.MaxMagnitude(v));
        if (!(largest > 0f) || !float.IsFinite(largest))
            return largest;
        TensorPrimitives.Divide(v, largest, v);
        float scaled = Norm(v);
        TensorPrimitives.Divide(v, scaled, v);
        return (double)largest * scaled;
    }
}
