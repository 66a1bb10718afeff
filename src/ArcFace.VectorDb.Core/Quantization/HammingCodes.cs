using System.Runtime.CompilerServices;
using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>1-bit codes (64 dimensions to a word) ranked by Hamming distance, under either metric.</summary>
internal readonly unsafe struct HammingCodes : ICodeDistance
{
    /// <inheritdoc />
    public static int CodeBytes(int dimension) => Words(dimension) * sizeof(ulong);

    /// <summary>64-bit words of one code.</summary>
    public static int Words(int dimension) => (dimension + 63) >> 6;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Compute(byte* a, byte* b, int dimension) => HammingKernel.Compute((ulong*)a, (ulong*)b, Words(dimension));

    /// <inheritdoc />
    public static void ComputeFour(byte* query, byte* c0, byte* c1, byte* c2, byte* c3, int dimension, float* distances)
    {
        int words = Words(dimension);
        distances[0] = HammingKernel.Compute((ulong*)query, (ulong*)c0, words);
        distances[1] = HammingKernel.Compute((ulong*)query, (ulong*)c1, words);
        distances[2] = HammingKernel.Compute((ulong*)query, (ulong*)c2, words);
        distances[3] = HammingKernel.Compute((ulong*)query, (ulong*)c3, words);
    }
}
