using System.Runtime.CompilerServices;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>
/// A distance (lower is closer) between two codes of an index's node layout, as a type, so that the graph code
/// inlines it. A code is the float vector itself or its quantised form; the layout is fixed by the dimension.
/// </summary>
internal unsafe interface ICodeDistance
{
    /// <summary>Bytes of one code for vectors of <paramref name="dimension"/> components.</summary>
    static abstract int CodeBytes(int dimension);

    /// <summary>Distance between two codes of vectors of <paramref name="dimension"/> components.</summary>
    static abstract float Compute(byte* a, byte* b, int dimension);

    /// <summary>Distances from a query code to four codes, into distances[0..4].</summary>
    static abstract void ComputeFour(byte* query, byte* c0, byte* c1, byte* c2, byte* c3, int dimension, float* distances);
}

/// <summary>Float32 vectors scored by inner product: the negated dot product.</summary>
internal readonly unsafe struct FloatDotCodes : ICodeDistance
{
    /// <inheritdoc />
    public static int CodeBytes(int dimension) => dimension * sizeof(float);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Compute(byte* a, byte* b, int dimension) => -DotProduct.Compute((float*)a, (float*)b, dimension);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ComputeFour(byte* query, byte* c0, byte* c1, byte* c2, byte* c3, int dimension, float* distances) =>
        NegatedDot.ComputeFour((float*)query, (float*)c0, (float*)c1, (float*)c2, (float*)c3, dimension, distances);
}

/// <summary>Float32 vectors scored by squared Euclidean distance.</summary>
internal readonly unsafe struct FloatL2Codes : ICodeDistance
{
    /// <inheritdoc />
    public static int CodeBytes(int dimension) => dimension * sizeof(float);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Compute(byte* a, byte* b, int dimension) => SquaredEuclidean.Compute((float*)a, (float*)b, dimension);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ComputeFour(byte* query, byte* c0, byte* c1, byte* c2, byte* c3, int dimension, float* distances) =>
        SquaredL2.ComputeFour((float*)query, (float*)c0, (float*)c1, (float*)c2, (float*)c3, dimension, distances);
}
