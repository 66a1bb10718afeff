using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>Squared Euclidean distance of float32 vectors (Vector512, Vector256+FMA, Vector128 or scalar).</summary>
public static unsafe class SquaredEuclidean
{
    /// <summary>Returns the squared L2 distance between two vectors of equal length.</summary>
    public static float Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        VectorLengths.RequireEqual(a.Length, b.Length);
        fixed (float* pa = &MemoryMarshal.GetReference(a))
        fixed (float* pb = &MemoryMarshal.GetReference(b))
            return Compute(pa, pb, a.Length);
    }

    /// <summary>Squared L2 distance over raw pointers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Compute(float* a, float* b, int length) => PairwiseKernel<SquaredDifferenceTerm>.Compute(a, b, length);
}
