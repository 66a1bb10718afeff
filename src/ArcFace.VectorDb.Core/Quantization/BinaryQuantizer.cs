using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>
/// 1-bit quantiser: bit d of a code is set when component d is positive, packed 64 to a <see cref="ulong"/>
/// (dimension d in bit d % 64 of word d / 64; padding bits stay zero). Candidates are ranked by Hamming distance.
/// </summary>
/// <remarks>
/// For sign codes of randomly oriented unit vectors a bit differs with probability θ/π (θ the angle between them), so
/// cos θ ≈ cos(π·h/d). ArcFace coordinates are not randomly rotated, so the estimate is a rough figure for thresholds;
/// the index ranks by h and re-ranks exactly with float vectors.
/// </remarks>
public sealed class BinaryQuantizer
{
    /// <summary>A quantiser for vectors of <paramref name="dimension"/> components (it needs no training).</summary>
    public BinaryQuantizer(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Dimension = dimension;
    }

    /// <summary>Number of dimensions of the vectors this quantiser codes.</summary>
    public int Dimension { get; }

    /// <summary>64-bit words of code per vector.</summary>
    public int WordCount => (Dimension + 63) / 64;

    /// <summary>Writes the sign bits of <paramref name="vector"/> into <paramref name="code"/> (a component &gt; 0 sets its bit).</summary>
    public void Encode(ReadOnlySpan<float> vector, Span<ulong> code)
    {
        VectorLengths.RequireEqual(Dimension, vector.Length);
        VectorLengths.RequireEqual(WordCount, code.Length);
        code.Clear();
        for (int d = 0; d < vector.Length; d++)
            if (vector[d] > 0f)
                code[d >> 6] |= 1UL << (d & 63);
    }

    /// <summary>Number of dimensions whose signs differ between two codes.</summary>
    public int Distance(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        VectorLengths.RequireEqual(WordCount, a.Length);
        return HammingDistance.Compute(a, b);
    }

    /// <summary>Cosine estimated from a Hamming distance: cos(π·h/d), exact in expectation for randomly oriented unit vectors.</summary>
    public double EstimateCosine(int hamming) => Math.Cos(Math.PI * hamming / Dimension);
}
