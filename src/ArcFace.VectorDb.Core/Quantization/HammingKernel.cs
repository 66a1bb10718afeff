using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>XOR + popcount over 64-bit words: a nibble lookup (vpshufb) summed with vpsadbw in 512 or 256 bits, or scalar popcnt.</summary>
/// <remarks>
/// .NET 10 exposes no AVX-512 VPOPCNTDQ class and no vector PopCount, so the vector paths count bits with a 16-entry
/// table per nibble; on Zen 4 they beat scalar popcnt from 8 words (512 dimensions) up (docs/bench/kernels.md).
/// Each path has its own entry point so that tests and benchmarks reach every one.
/// </remarks>
internal static unsafe class HammingKernel
{
    /// <summary>The widest table path this CPU accelerates that the word count fills at least once, else scalar popcnt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compute(ulong* a, ulong* b, int words)
    {
        if (Avx512BW.IsSupported && words >= 8)
            return Lookup512Path(a, b, words);
        if (Avx2.IsSupported && words >= 4)
            return Lookup256Path(a, b, words);
        return ScalarPath(a, b, words);
    }

    /// <summary>Scalar XOR and popcnt with four accumulators; any word count.</summary>
    public static int ScalarPath(ulong* a, ulong* b, int words)
    {
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i <= words - 4; i += 4)
        {
            s0 += BitOperations.PopCount(a[i] ^ b[i]);
            s1 += BitOperations.PopCount(a[i + 1] ^ b[i + 1]);
            s2 += BitOperations.PopCount(a[i + 2] ^ b[i + 2]);
            s3 += BitOperations.PopCount(a[i + 3] ^ b[i + 3]);
        }
        for (; i < words; i++)
            s0 += BitOperations.PopCount(a[i] ^ b[i]);
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>AVX-512BW nibble table over 8 words at a time, one overlapping masked load for the tail; needs ≥ 8 words.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Lookup512Path(ulong* a, ulong* b, int words)
    {
        var table = Vector512.Create(NibbleCounts);
        var low = Vector512.Create((byte)0x0F);
        var total = Vector512<ulong>.Zero;
        int i = 0;
        for (; i <= words - 8; i += 8)
            total += Count512(Vector512.Load(a + i) ^ Vector512.Load(b + i), table, low);
        if (i < words)
        {
            var keepLast = Vector512.GreaterThanOrEqual(Vector512<ulong>.Indices, Vector512.Create((ulong)(8 - (words - i))));
            total += Count512((Vector512.Load(a + words - 8) ^ Vector512.Load(b + words - 8)) & keepLast, table, low);
        }
        return (int)Vector512.Sum(total);
    }

    /// <summary>AVX2 nibble table over 4 words at a time, one overlapping masked load for the tail; needs ≥ 4 words.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Lookup256Path(ulong* a, ulong* b, int words)
    {
        var table = Vector256.Create(NibbleCounts);
        var low = Vector256.Create((byte)0x0F);
        var total = Vector256<ulong>.Zero;
        int i = 0;
        for (; i <= words - 4; i += 4)
            total += Count256(Vector256.Load(a + i) ^ Vector256.Load(b + i), table, low);
        if (i < words)
        {
            var keepLast = Vector256.GreaterThanOrEqual(Vector256<ulong>.Indices, Vector256.Create((ulong)(4 - (words - i))));
            total += Count256((Vector256.Load(a + words - 4) ^ Vector256.Load(b + words - 4)) & keepLast, table, low);
        }
        return (int)Vector256.Sum(total);
    }

    /// <summary>Set bits of each nibble value 0..15.</summary>
    private static Vector128<byte> NibbleCounts => Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);

    /// <summary>Set bits per 64-bit lane: table lookups of both nibbles of every byte, summed per lane by vpsadbw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Count512(Vector512<ulong> bits, Vector512<byte> table, Vector512<byte> low)
    {
        var x = bits.AsByte();
        var counts = Avx512BW.Shuffle(table, x & low) + Avx512BW.Shuffle(table, Vector512.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
        return Avx512BW.SumAbsoluteDifferences(counts, Vector512<byte>.Zero).AsUInt64();
    }

    /// <summary>Set bits per 64-bit lane: table lookups of both nibbles of every byte, summed per lane by vpsadbw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Count256(Vector256<ulong> bits, Vector256<byte> table, Vector256<byte> low)
    {
        var x = bits.AsByte();
        var counts = Avx2.Shuffle(table, x & low) + Avx2.Shuffle(table, Vector256.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
        return Avx2.SumAbsoluteDifferences(counts, Vector256<byte>.Zero).AsUInt64();
    }
}
