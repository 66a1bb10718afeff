using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>Squared Euclidean distance of float32 vectors (Vector512, Vector256+FMA or scalar).</summary>
public static unsafe class SquaredEuclidean
{
    /// <summary>Returns the squared L2 distance between two vectors of equal length.</summary>
    public static float Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"Vector lengths differ: {a.Length} and {b.Length}.", nameof(b));
        fixed (float* pa = &MemoryMarshal.GetReference(a))
        fixed (float* pb = &MemoryMarshal.GetReference(b))
            return Compute(pa, pb, a.Length);
    }

    /// <summary>Squared L2 distance over raw pointers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Compute(float* a, float* b, int length)
    {
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
            return Wide512(a, b, length);
        if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
            return Wide256(a, b, length);
        return Scalar(a, b, 0, length, 0f);
    }

    private static float Wide512(float* a, float* b, int length)
    {
        var acc0 = Vector512<float>.Zero;
        var acc1 = Vector512<float>.Zero;
        var acc2 = Vector512<float>.Zero;
        var acc3 = Vector512<float>.Zero;
        int i = 0;
        for (; i <= length - 64; i += 64)
        {
            var d0 = Vector512.Load(a + i) - Vector512.Load(b + i);
            var d1 = Vector512.Load(a + i + 16) - Vector512.Load(b + i + 16);
            var d2 = Vector512.Load(a + i + 32) - Vector512.Load(b + i + 32);
            var d3 = Vector512.Load(a + i + 48) - Vector512.Load(b + i + 48);
            acc0 = Vector512.FusedMultiplyAdd(d0, d0, acc0);
            acc1 = Vector512.FusedMultiplyAdd(d1, d1, acc1);
            acc2 = Vector512.FusedMultiplyAdd(d2, d2, acc2);
            acc3 = Vector512.FusedMultiplyAdd(d3, d3, acc3);
        }
        for (; i <= length - 16; i += 16)
        {
            var d = Vector512.Load(a + i) - Vector512.Load(b + i);
            acc0 = Vector512.FusedMultiplyAdd(d, d, acc0);
        }
        float sum = Vector512.Sum((acc0 + acc1) + (acc2 + acc3));
        return Scalar(a, b, i, length, sum);
    }

    private static float Wide256(float* a, float* b, int length)
    {
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        var acc2 = Vector256<float>.Zero;
        var acc3 = Vector256<float>.Zero;
        int i = 0;
        for (; i <= length - 32; i += 32)
        {
            var d0 = Vector256.Load(a + i) - Vector256.Load(b + i);
            var d1 = Vector256.Load(a + i + 8) - Vector256.Load(b + i + 8);
            var d2 = Vector256.Load(a + i + 16) - Vector256.Load(b + i + 16);
            var d3 = Vector256.Load(a + i + 24) - Vector256.Load(b + i + 24);
            acc0 = Vector256.FusedMultiplyAdd(d0, d0, acc0);
            acc1 = Vector256.FusedMultiplyAdd(d1, d1, acc1);
            acc2 = Vector256.FusedMultiplyAdd(d2, d2, acc2);
            acc3 = Vector256.FusedMultiplyAdd(d3, d3, acc3);
        }
        for (; i <= length - 8; i += 8)
        {
            var d = Vector256.Load(a + i) - Vector256.Load(b + i);
            acc0 = Vector256.FusedMultiplyAdd(d, d, acc0);
        }
        float sum = Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
        return Scalar(a, b, i, length, sum);
    }

    private static float Scalar(float* a, float* b, int start, int length, float sum)
    {
        for (int i = start; i < length; i++)
        {
            float d = a[i] - b[i];
            sum = MathF.FusedMultiplyAdd(d, d, sum);
        }
        return sum;
    }
}
