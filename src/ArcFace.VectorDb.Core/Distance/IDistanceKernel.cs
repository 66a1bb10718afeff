namespace ArcFace.VectorDb.Core.Distance;

/// <summary>A distance (lower is closer) as a type, so that generic index code inlines the kernel instead of branching per call.</summary>
internal unsafe interface IDistanceKernel
{
    /// <summary>Distance between two vectors of the given length.</summary>
    static abstract float Compute(float* a, float* b, int length);
}

/// <summary>Inner product as a distance: the negated dot product.</summary>
internal readonly unsafe struct NegatedDot : IDistanceKernel
{
    /// <inheritdoc />
    public static float Compute(float* a, float* b, int length) => -DotProduct.Compute(a, b, length);
}

/// <summary>Squared Euclidean distance.</summary>
internal readonly unsafe struct SquaredL2 : IDistanceKernel
{
    /// <inheritdoc />
    public static float Compute(float* a, float* b, int length) => SquaredEuclidean.Compute(a, b, length);
}
