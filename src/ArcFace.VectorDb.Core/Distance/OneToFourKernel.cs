using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>
/// A term summed between one vector and four others at once: each load of the one feeds four accumulators, and the four
/// independent load streams keep more cache misses in flight (exact search's micro-kernel, HNSW's neighbour batches).
/// </summary>
internal static unsafe class OneToFourKernel<TTerm> where TTerm : IPairTerm
{
    /// <summary>Writes term-sums of x with v0 … v3 into results[0..4].</summary>
    public static void Compute(float* x, float* v0, float* v1, float* v2, float* v3, int length, float* results)
    {
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
            Reduce<Vector512<float>, Lanes512>(x, v0, v1, v2, v3, length, results);
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
            Reduce<Vector256<float>, Lanes256>(x, v0, v1, v2, v3, length, results);
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<float>.Count)
            Reduce<Vector128<float>, Lanes128>(x, v0, v1, v2, v3, length, results);
        else
        {
            results[0] = PairwiseKernel<TTerm>.ScalarPath(x, v0, length);
            results[1] = PairwiseKernel<TTerm>.ScalarPath(x, v1, length);
            results[2] = PairwiseKernel<TTerm>.ScalarPath(x, v2, length);
            results[3] = PairwiseKernel<TTerm>.ScalarPath(x, v3, length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce<TVec, TLanes>(float* x, float* v0, float* v1, float* v2, float* v3, int length, float* results)
        where TVec : struct
        where TLanes : IVectorLanes<TVec>
    {
        int width = TLanes.Count;
        TVec a0 = TLanes.Zero, a1 = TLanes.Zero, a2 = TLanes.Zero, a3 = TLanes.Zero;
        int i = 0;
        for (; i <= length - width; i += width)
        {
            var shared = TLanes.Load(x + i);
            a0 = TTerm.Accumulate<TVec, TLanes>(shared, TLanes.Load(v0 + i), a0);
            a1 = TTerm.Accumulate<TVec, TLanes>(shared, TLanes.Load(v1 + i), a1);
            a2 = TTerm.Accumulate<TVec, TLanes>(shared, TLanes.Load(v2 + i), a2);
            a3 = TTerm.Accumulate<TVec, TLanes>(shared, TLanes.Load(v3 + i), a3);
        }
        if (i < length)
        {
            int tail = length - width, keep = length - i;
            var shared = TLanes.KeepLast(TLanes.Load(x + tail), keep);
            a0 = TTerm.Accumulate<TVec, TLanes>(shared, TLanes.KeepLast(TLanes.Load(v0 + tail), keep), a0);
            a1 = TTerm.Accumulate<TVec, TLanes>(shared, TLanes.KeepLast(TLanes.Load(v1 + tail), keep), a1);
            a2 = TTerm.Accumulate<TVec, TLanes>(shared, TLanes.KeepLast(TLanes.Load(v2 + tail), keep), a2);
            a3 = TTerm.Accumulate<TVec, TLanes>(shared, TLanes.KeepLast(TLanes.Load(v3 + tail), keep), a3);
        }
        results[0] = TLanes.Sum(a0);
        results[1] = TLanes.Sum(a1);
        results[2] = TLanes.Sum(a2);
        results[3] = TLanes.Sum(a3);
    }
}
