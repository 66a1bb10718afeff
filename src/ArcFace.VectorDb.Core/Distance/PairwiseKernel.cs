using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>Sum of a term over two float32 vectors: four independent accumulators, one overlapping masked load for the tail.</summary>
/// <remarks>Each width has its own entry point so that tests and benchmarks reach every path on any CPU.</remarks>
internal static unsafe class PairwiseKernel<TTerm> where TTerm : IPairTerm
{
    /// <summary>The widest path this CPU accelerates that the length fills at least once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Compute(float* a, float* b, int length)
    {
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
            return Vector512Path(a, b, length);
        if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
            return Vector256Path(a, b, length);
        if (Vector128.IsHardwareAccelerated && length >= Vector128<float>.Count)
            return Vector128Path(a, b, length);
        return ScalarPath(a, b, length);
    }

    /// <summary>512-bit path; needs length ≥ 16.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Vector512Path(float* a, float* b, int length) => Reduce<Vector512<float>, Lanes512>(a, b, length);

    /// <summary>256-bit path; needs length ≥ 8.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Vector256Path(float* a, float* b, int length) => Reduce<Vector256<float>, Lanes256>(a, b, length);

    /// <summary>128-bit path; needs length ≥ 4.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Vector128Path(float* a, float* b, int length) => Reduce<Vector128<float>, Lanes128>(a, b, length);

    /// <summary>Scalar path with four accumulators; any length.</summary>
    public static float ScalarPath(float* a, float* b, int length)
    {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        for (; i <= length - 4; i += 4)
        {
            s0 = TTerm.Accumulate(a[i], b[i], s0);
            s1 = TTerm.Accumulate(a[i + 1], b[i + 1], s1);
            s2 = TTerm.Accumulate(a[i + 2], b[i + 2], s2);
            s3 = TTerm.Accumulate(a[i + 3], b[i + 3], s3);
        }
        for (; i < length; i++)
            s0 = TTerm.Accumulate(a[i], b[i], s0);
        return (s0 + s1) + (s2 + s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Reduce<TVec, TLanes>(float* a, float* b, int length)
        where TVec : struct
        where TLanes : IVectorLanes<TVec>
    {
        int width = TLanes.Count;
        TVec acc0 = TLanes.Zero, acc1 = TLanes.Zero, acc2 = TLanes.Zero, acc3 = TLanes.Zero;
        int i = 0;
        for (; i <= length - 4 * width; i += 4 * width)
        {
            acc0 = TTerm.Accumulate<TVec, TLanes>(TLanes.Load(a + i), TLanes.Load(b + i), acc0);
            acc1 = TTerm.Accumulate<TVec, TLanes>(TLanes.Load(a + i + width), TLanes.Load(b + i + width), acc1);
            acc2 = TTerm.Accumulate<TVec, TLanes>(TLanes.Load(a + i + 2 * width), TLanes.Load(b + i + 2 * width), acc2);
            acc3 = TTerm.Accumulate<TVec, TLanes>(TLanes.Load(a + i + 3 * width), TLanes.Load(b + i + 3 * width), acc3);
        }
        for (; i <= length - width; i += width)
            acc0 = TTerm.Accumulate<TVec, TLanes>(TLanes.Load(a + i), TLanes.Load(b + i), acc0);
        if (i < length)
        {
            int keep = length - i;
            var tailA = TLanes.KeepLast(TLanes.Load(a + length - width), keep);
            var tailB = TLanes.KeepLast(TLanes.Load(b + length - width), keep);
            acc1 = TTerm.Accumulate<TVec, TLanes>(tailA, tailB, acc1);
        }
        return TLanes.Sum(TLanes.Add(TLanes.Add(acc0, acc1), TLanes.Add(acc2, acc3)));
    }
}
