using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>One SIMD register width as a type, so that a kernel loop is written once and specialised by the JIT per width.</summary>
internal unsafe interface IVectorLanes<TVec> where TVec : struct
{
    /// <summary>Floats per register.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TVec Zero { get; }

    /// <summary>Unaligned load of Count floats.</summary>
    static abstract TVec Load(float* p);

    /// <summary>Keeps the last <paramref name="keep"/> lanes and zeroes the others (for an overlapping tail load).</summary>
    static abstract TVec KeepLast(TVec v, int keep);

    /// <summary>a·b + acc, fused where the CPU has FMA.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec acc);

    /// <summary>a − b per lane.</summary>
    static abstract TVec Subtract(TVec a, TVec b);

    /// <summary>a + b per lane.</summary>
    static abstract TVec Add(TVec a, TVec b);

    /// <summary>Horizontal sum of all lanes.</summary>
    static abstract float Sum(TVec v);
}

/// <summary>Lane masks for tails: 16 zero words then 16 all-ones words; a load at offset 16 − Count + keep keeps the last keep lanes.</summary>
internal static class TailMask
{
    private static ReadOnlySpan<uint> Words =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u,
    ];

    /// <summary>Reference to the mask word at which a load of <paramref name="count"/> lanes keeps the last <paramref name="keep"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref uint For(int count, int keep) =>
        ref Unsafe.Add(ref MemoryMarshal.GetReference(Words), 16 - count + keep);
}

/// <summary>512-bit registers (AVX-512); emulated with two 256-bit halves on CPUs without it.</summary>
internal readonly unsafe struct Lanes512 : IVectorLanes<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;
    public static Vector512<float> Zero => Vector512<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> KeepLast(Vector512<float> v, int keep) =>
        v & Vector512.LoadUnsafe(ref TailMask.For(Count, keep)).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> acc) =>
        Vector512.MultiplyAddEstimate(a, b, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> v) => Vector512.Sum(v);
}

/// <summary>256-bit registers (AVX2 + FMA).</summary>
internal readonly unsafe struct Lanes256 : IVectorLanes<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;
    public static Vector256<float> Zero => Vector256<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> KeepLast(Vector256<float> v, int keep) =>
        v & Vector256.LoadUnsafe(ref TailMask.For(Count, keep)).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> acc) =>
        Vector256.MultiplyAddEstimate(a, b, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> v) => Vector256.Sum(v);
}

/// <summary>128-bit registers (SSE / NEON).</summary>
internal readonly unsafe struct Lanes128 : IVectorLanes<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;
    public static Vector128<float> Zero => Vector128<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> KeepLast(Vector128<float> v, int keep) =>
        v & Vector128.LoadUnsafe(ref TailMask.For(Count, keep)).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> acc) =>
        Vector128.MultiplyAddEstimate(a, b, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> v) => Vector128.Sum(v);
}
