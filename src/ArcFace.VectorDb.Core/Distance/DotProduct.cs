using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>Inner product of float32 vectors (Vector512, Vector256+FMA, Vector128 or scalar, picked by the JIT for this CPU).</summary>
public static unsafe class DotProduct
{
    /// <summary>Returns the inner product of two vectors of equal length.</summary>
    public static float Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        VectorLengths.RequireEqual(a.Length, b.Length);
        fixed (float* pa = &MemoryMarshal.GetReference(a))
        fixed (float* pb = &MemoryMarshal.GetReference(b))
            return Compute(pa, pb, a.Length);
    }

    /// <summary>Inner product over raw pointers; the hot path of every index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Compute(float* a, float* b, int length) => PairwiseKernel<ProductTerm>.Compute(a, b, length);
}
