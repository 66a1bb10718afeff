namespace ArcFace.VectorDb.Core.Distance;

/// <summary>A distance (lower is closer) as a type, so that generic index code inlines the kernel instead of branching per call.</summary>
internal unsafe interface IDistanceKernel
{
    /// <summary>Distance between two vectors of the given length.</summary>
    static abstract float Compute(float* a, float* b, int length);

    /// <summary>Distances from a query to four vectors at once, into distances[0..4].</summary>
    static abstract void ComputeFour(float* query, float* v0, float* v1, float* v2, float* v3, int length, float* distances);
}

/// <summary>Inner product as a distance: the negated dot product.</summary>
internal readonly unsafe struct NegatedDot : IDistanceKernel
{
    /// <inheritdoc />
    public static float Compute(float* a, float* b, int length) => -DotProduct.Compute(a, b, length);

    /// <inheritdoc />
    public static void ComputeFour(float* query, float* v0, float* v1, float* v2, float* v3, int length, float* distances)
    {
        OneToFourKernel<ProductTerm>.Compute(query, v0, v1, v2, v3, length, distances);
        for (int i = 0; i < 4; i++)
            distances[i] = -distances[i];
    }
}

/// <summary>Squared Euclidean distance.</summary>
internal readonly unsafe struct SquaredL2 : IDistanceKernel
{
    /// <inheritdoc />
    public static float Compute(float* a, float* b, int length) => SquaredEuclidean.Compute(a, b, length);

    /// <inheritdoc />
    public static void ComputeFour(float* query, float* v0, float* v1, float* v2, float* v3, int length, float* distances) =>
        OneToFourKernel<SquaredDifferenceTerm>.Compute(query, v0, v1, v2, v3, length, distances);
}
