using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>Σ aᵢbᵢ over int8 vectors in int32, one path per instruction set, each with one overlapping masked load for the tail.</summary>
/// <remarks>
/// Every path is exact while the true sum fits in int32; intermediate sums wrap (two's complement), which the VNNI
/// path relies on. .NET 10 exposes no AVX-512 VNNI class (only AVX-VNNI, 256-bit, and AVX-VNNI-INT8 for AVX10.2
/// CPUs), so a Zen 4 or Ice Lake CPU runs the AVX-512BW widening path. Each path has its own entry point so that
/// tests and benchmarks reach every path this CPU supports.
/// </remarks>
internal static unsafe class Int8DotKernel
{
    /// <summary>The fastest path this CPU supports that the length fills at least once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compute(sbyte* a, sbyte* b, int length)
    {
        if (AvxVnni.IsSupported && length >= 32)
            return Vnni256Path(a, b, length);
        if (Avx512BW.IsSupported && length >= 32)
            return Widen512Path(a, b, length);
        if (Avx2.IsSupported && length >= 16)
            return Widen256Path(a, b, length);
        return ScalarPath(a, b, length);
    }

    /// <summary>
    /// AVX-VNNI (vpdpbusd, unsigned × signed): a is biased to unsigned by flipping its sign bit (aᵢ + 128), so the
    /// instruction gives Σ(aᵢ + 128)bᵢ; a second vpdpbusd against all-ones gives Σbᵢ, and the result is the first
    /// minus 128·Σbᵢ. The tail zeroes b, which removes those lanes from both sums. Needs length ≥ 32.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Vnni256Path(sbyte* a, sbyte* b, int length)
    {
        var bias = Vector256.Create((byte)0x80);
        var ones = Vector256.Create((byte)1);
        Vector256<int> products0 = Vector256<int>.Zero, products1 = Vector256<int>.Zero;
        Vector256<int> sumB0 = Vector256<int>.Zero, sumB1 = Vector256<int>.Zero;
        int i = 0;
        for (; i <= length - 64; i += 64)
        {
            var b0 = Vector256.Load(b + i);
            var b1 = Vector256.Load(b + i + 32);
            products0 = AvxVnni.MultiplyWideningAndAdd(products0, Vector256.Load((byte*)a + i) ^ bias, b0);
            products1 = AvxVnni.MultiplyWideningAndAdd(products1, Vector256.Load((byte*)a + i + 32) ^ bias, b1);
            sumB0 = AvxVnni.MultiplyWideningAndAdd(sumB0, ones, b0);
            sumB1 = AvxVnni.MultiplyWideningAndAdd(sumB1, ones, b1);
        }
        for (; i <= length - 32; i += 32)
        {
            var b0 = Vector256.Load(b + i);
            products0 = AvxVnni.MultiplyWideningAndAdd(products0, Vector256.Load((byte*)a + i) ^ bias, b0);
            sumB0 = AvxVnni.MultiplyWideningAndAdd(sumB0, ones, b0);
        }
        if (i < length)
        {
            var tailB = Vector256.Load(b + length - 32) & Vector256.LoadUnsafe(ref ByteTailMask.For(32, length - i)).AsSByte();
            products1 = AvxVnni.MultiplyWideningAndAdd(products1, Vector256.Load((byte*)a + length - 32) ^ bias, tailB);
            sumB1 = AvxVnni.MultiplyWideningAndAdd(sumB1, ones, tailB);
        }
        return Vector256.Sum(products0 + products1) - 128 * Vector256.Sum(sumB0 + sumB1);
    }

    /// <summary>AVX-512BW: sign-extend 32 bytes to int16 lanes, vpmaddwd adjacent pairs into int32 lanes. Needs length ≥ 32.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Widen512Path(sbyte* a, sbyte* b, int length)
    {
        Vector512<int> acc0 = Vector512<int>.Zero, acc1 = Vector512<int>.Zero;
        int i = 0;
        for (; i <= length - 64; i += 64)
        {
            acc0 += Product512(Vector256.Load(a + i), Vector256.Load(b + i));
            acc1 += Product512(Vector256.Load(a + i + 32), Vector256.Load(b + i + 32));
        }
        for (; i <= length - 32; i += 32)
            acc0 += Product512(Vector256.Load(a + i), Vector256.Load(b + i));
        if (i < length)
        {
            var tailA = Vector256.Load(a + length - 32) & Vector256.LoadUnsafe(ref ByteTailMask.For(32, length - i)).AsSByte();
            acc1 += Product512(tailA, Vector256.Load(b + length - 32));
        }
        return Vector512.Sum(acc0 + acc1);
    }

    /// <summary>AVX2: sign-extend 16 bytes to int16 lanes, vpmaddwd adjacent pairs into int32 lanes. Needs length ≥ 16.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Widen256Path(sbyte* a, sbyte* b, int length)
    {
        Vector256<int> acc0 = Vector256<int>.Zero, acc1 = Vector256<int>.Zero;
        int i = 0;
        for (; i <= length - 32; i += 32)
        {
            acc0 += Product256(Vector128.Load(a + i), Vector128.Load(b + i));
            acc1 += Product256(Vector128.Load(a + i + 16), Vector128.Load(b + i + 16));
        }
        for (; i <= length - 16; i += 16)
            acc0 += Product256(Vector128.Load(a + i), Vector128.Load(b + i));
        if (i < length)
        {
            var tailA = Vector128.Load(a + length - 16) & Vector128.LoadUnsafe(ref ByteTailMask.For(16, length - i)).AsSByte();
            acc1 += Product256(tailA, Vector128.Load(b + length - 16));
        }
        return Vector256.Sum(acc0 + acc1);
    }

    /// <summary>Scalar path with four accumulators; any length.</summary>
    public static int ScalarPath(sbyte* a, sbyte* b, int length)
    {
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i <= length - 4; i += 4)
        {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < length; i++)
            s0 += a[i] * b[i];
        return (s0 + s1) + (s2 + s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Product512(Vector256<sbyte> a, Vector256<sbyte> b) =>
        Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(a), Avx512BW.ConvertToVector512Int16(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Product256(Vector128<sbyte> a, Vector128<sbyte> b) =>
        Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(a), Avx2.ConvertToVector256Int16(b));
}
