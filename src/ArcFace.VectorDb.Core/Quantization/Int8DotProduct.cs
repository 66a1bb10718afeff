using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>Exact int32 inner product of int8 codes (AVX-VNNI, AVX-512BW or AVX2 widening, or scalar, picked by the JIT for this CPU).</summary>
public static unsafe class Int8DotProduct
{
    /// <summary>Longest vector whose inner product always fits in int32: 131071 · (−128)² &lt; 2³¹.</summary>
    public const int MaxLength = 131071;

    /// <summary>Returns Σ aᵢbᵢ of two int8 vectors of equal length (at most <see cref="MaxLength"/>), exactly.</summary>
    public static int Compute(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        VectorLengths.RequireEqual(a.Length, b.Length);
        if (a.Length > MaxLength)
            throw new ArgumentException($"Int8 vectors longer than {MaxLength} may overflow int32: {a.Length}.", nameof(a));
        fixed (sbyte* pa = &MemoryMarshal.GetReference(a))
        fixed (sbyte* pb = &MemoryMarshal.GetReference(b))
            return Compute(pa, pb, a.Length);
    }

    /// <summary>Inner product over raw pointers; the hot path of a quantised index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Compute(sbyte* a, sbyte* b, int length) => Int8DotKernel.Compute(a, b, length);
}
