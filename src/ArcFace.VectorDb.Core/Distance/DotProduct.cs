using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>Inner product of float32 vectors (Vector512, Vector256+FMA or scalar, picked by the JIT for this CPU).</summary>
public static unsafe class DotProduct
{
    /// <summary>Returns the inner product of two vectors of equal length.</summary>
    public static float Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"Vector lengths differ: {a.Length} and {b.Length}.", nameof(b));
        fixed (float* pa = &MemoryMarshal.GetReference(a))
        fixed (float* pb = &MemoryMarshal.GetReference(b))
            return Compute(pa, pb, a.Length);
    }

    /// <summary>Inner product over raw pointers; the hot path of every index.</summary>
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
            acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc0);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i + 16), Vector512.Load(b + i + 16), acc1);
            acc2 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i + 32), Vector512.Load(b + i + 32), acc2);
            acc3 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i + 48), Vector512.Load(b + i + 48), acc3);
        }
        for (; i <= length - 16; i += 16)
            acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc0);
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
            acc0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), acc0);
            acc1 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 8), Vector256.Load(b + i + 8), acc1);
            acc2 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 16), Vector256.Load(b + i + 16), acc2);
            acc3 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 24), Vector256.Load(b + i + 24), acc3);
        }
        for (; i <= length - 8; i += 8)
            acc0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), acc0);
        float sum = Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
        return Scalar(a, b, i, length, sum);
    }

    /// <summary>Inner products of one vector with four others at once: x is loaded once for four FMAs (exact search's micro-kernel).</summary>
    internal static void ComputeFour(float* x, float* q0, float* q1, float* q2, float* q3, int length, Span<float> results)
    {
        int i = 0;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        if (Vector256.IsHardwareAccelerated)
        {
            var a0 = Vector256<float>.Zero;
            var a1 = Vector256<float>.Zero;
            var a2 = Vector256<float>.Zero;
            var a3 = Vector256<float>.Zero;
            for (; i <= length - 8; i += 8)
            {
                var v = Vector256.Load(x + i);
                a0 = Vector256.FusedMultiplyAdd(v, Vector256.Load(q0 + i), a0);
                a1 = Vector256.FusedMultiplyAdd(v, Vector256.Load(q1 + i), a1);
                a2 = Vector256.FusedMultiplyAdd(v, Vector256.Load(q2 + i), a2);
                a3 = Vector256.FusedMultiplyAdd(v, Vector256.Load(q3 + i), a3);
            }
            s0 = Vector256.Sum(a0);
            s1 = Vector256.Sum(a1);
            s2 = Vector256.Sum(a2);
            s3 = Vector256.Sum(a3);
        }
        results[0] = Scalar(x, q0, i, length, s0);
        results[1] = Scalar(x, q1, i, length, s1);
        results[2] = Scalar(x, q2, i, length, s2);
        results[3] = Scalar(x, q3, i, length, s3);
    }

    private static float Scalar(float* a, float* b, int start, int length, float sum)
    {
        for (int i = start; i < length; i++)
            sum = MathF.FusedMultiplyAdd(a[i], b[i], sum);
        return sum;
    }
}
