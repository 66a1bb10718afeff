namespace ArcFace.VectorDb.Core.Distance;

/// <summary>Euclidean norm and in-place L2 normalisation of float32 vectors.</summary>
public static class L2Normalization
{
    /// <summary>Returns the Euclidean norm of a vector.</summary>
    public static float Norm(ReadOnlySpan<float> v) => MathF.Sqrt(DotProduct.Compute(v, v));

    /// <summary>Scales a vector to unit length in place and returns its original norm; a zero vector is left as it is.</summary>
    public static float Normalize(Span<float> v)
    {
        float norm = Norm(v);
        if (norm > 0f && float.IsFinite(norm))
            System.Numerics.Tensors.TensorPrimitives.Multiply(v, 1f / norm, v);
        return norm;
    }
}
