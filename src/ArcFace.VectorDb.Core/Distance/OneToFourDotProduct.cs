using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>Inner products of one vector with four others at once: each load of x feeds four FMAs (exact search's micro-kernel).</summary>
internal static unsafe class OneToFourDotProduct
{
    /// <summary>Writes x·q0 … x·q3 into results[0..4].</summary>
    public static void Compute(float* x, float* q0, float* q1, float* q2, float* q3, int length, Span<float> results)
    {
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
            Reduce<Vector512<float>, Lanes512>(x, q0, q1, q2, q3, length, results);
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
            Reduce<Vector256<float>, Lanes256>(x, q0, q1, q2, q3, length, results);
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<float>.Count)
            Reduce<Vector128<float>, Lanes128>(x, q0, q1, q2, q3, length, results);
        else
        {
            results[0] = PairwiseKernel<ProductTerm>.ScalarPath(x, q0, length);
            results[1] = PairwiseKernel<ProductTerm>.ScalarPath(x, q1, length);
            results[2] = PairwiseKernel<ProductTerm>.ScalarPath(x, q2, length);
            results[3] = PairwiseKernel<ProductTerm>.ScalarPath(x, q3, length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce<TVec, TLanes>(float* x, float* q0, float* q1, float* q2, float* q3, int length, Span<float> results)
        where TVec : struct
        where TLanes : IVectorLanes<TVec>
    {
        int width = TLanes.Count;
        TVec a0 = TLanes.Zero, a1 = TLanes.Zero, a2 = TLanes.Zero, a3 = TLanes.Zero;
        int i = 0;
        for (; i <= length - width; i += width)
        {
            var v = TLanes.Load(x + i);
            a0 = TLanes.MultiplyAdd(v, TLanes.Load(q0 + i), a0);
            a1 = TLanes.MultiplyAdd(v, TLanes.Load(q1 + i), a1);
            a2 = TLanes.MultiplyAdd(v, TLanes.Load(q2 + i), a2);
            a3 = TLanes.MultiplyAdd(v, TLanes.Load(q3 + i), a3);
        }
        if (i < length)
        {
            int tail = length - width;
            var v = TLanes.KeepLast(TLanes.Load(x + tail), length - i);
            a0 = TLanes.MultiplyAdd(v, TLanes.Load(q0 + tail), a0);
            a1 = TLanes.MultiplyAdd(v, TLanes.Load(q1 + tail), a1);
            a2 = TLanes.MultiplyAdd(v, TLanes.Load(q2 + tail), a2);
            a3 = TLanes.MultiplyAdd(v, TLanes.Load(q3 + tail), a3);
        }
        results[0] = TLanes.Sum(a0);
        results[1] = TLanes.Sum(a1);
        results[2] = TLanes.Sum(a2);
        results[3] = TLanes.Sum(a3);
    }
}
