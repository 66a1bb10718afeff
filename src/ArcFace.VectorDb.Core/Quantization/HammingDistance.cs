using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>Hamming distance of 1-bit codes packed 64 to a <see cref="ulong"/> word (bit j of word w is dimension 64w + j).</summary>
public static unsafe class HammingDistance
{
    /// <summary>Returns the number of bits that differ between two codes of equal word count.</summary>
    public static int Compute(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        VectorLengths.RequireEqual(a.Length, b.Length);
        fixed (ulong* pa = &MemoryMarshal.GetReference(a))
        fixed (ulong* pb = &MemoryMarshal.GetReference(b))
            return Compute(pa, pb, a.Length);
    }

    /// <summary>Hamming distance over raw pointers to <paramref name="words"/> 64-bit words; the hot path of a binary index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Compute(ulong* a, ulong* b, int words) => HammingKernel.Compute(a, b, words);
}
