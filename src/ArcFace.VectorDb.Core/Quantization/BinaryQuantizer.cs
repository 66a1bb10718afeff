using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>
/// 1-bit quantiser: bit d of a code is set when component d is above its threshold (0 unless trained: the sign),
/// packed 64 to a <see cref="ulong"/> (dimension d in bit d % 64 of word d / 64; padding bits stay zero). Candidates
/// are ranked by Hamming distance.
/// </summary>
/// <remarks>
/// For sign codes of randomly oriented unit vectors a bit differs with probability θ/π (θ the angle between them), so
/// cos θ ≈ cos(π·h/d). ArcFace coordinates are not randomly rotated, so the estimate is a rough figure for thresholds;
/// the index ranks by h and re-ranks exactly with float vectors.
/// </remarks>
public sealed class BinaryQuantizer
{
    private readonly float[] _thresholds;

    /// <summary>A sign quantiser for vectors of <paramref name="dimension"/> components (every threshold 0).</summary>
    public BinaryQuantizer(int dimension)
        : this(new float[Math.Max(dimension, 0)])
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
    }

    /// <summary>A quantiser that sets bit d when component d is above <paramref name="thresholds"/>[d].</summary>
    public BinaryQuantizer(float[] thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        _thresholds = thresholds;
        Dimension = thresholds.Length;
    }

    /// <summary>
    /// Centres the bits on the sample: each threshold is its dimension's mean. For zero-mean data (ArcFace embeddings)
    /// that is about the sign; for data in one orthant (pixels scaled to a unit vector) the sign would set every bit.
    /// </summary>
    public static BinaryQuantizer Train(ReadOnlySpan<float> sample, int dimension)
    {
        if (dimension <= 0 || sample.Length == 0 || sample.Length % dimension != 0)
            throw new ArgumentException($"The sample must hold a positive whole number of {dimension}-dimensional vectors; it has {sample.Length} floats.", nameof(sample));
        var sums = new double[dimension];
        for (int offset = 0; offset < sample.Length; offset += dimension)
            for (int d = 0; d < dimension; d++)
                sums[d] += sample[offset + d];
        int rows = sample.Length / dimension;
        var thresholds = new float[dimension];
        for (int d = 0; d < dimension; d++)
            thresholds[d] = (float)(sums[d] / rows);
        return new BinaryQuantizer(thresholds);
    }

    /// <summary>The value each component is compared with.</summary>
    public ReadOnlySpan<float> Thresholds => _thresholds;

    /// <summary>Number of dimensions of the vectors this quantiser codes.</summary>
    public int Dimension { get; }

    /// <summary>64-bit words of code per vector.</summary>
    public int WordCount => (Dimension + 63) / 64;

    /// <summary>Writes the bits of <paramref name="vector"/> into <paramref name="code"/> (a component above its threshold sets its bit).</summary>
    public void Encode(ReadOnlySpan<float> vector, Span<ulong> code)
    {
        VectorLengths.RequireEqual(Dimension, vector.Length);
        VectorLengths.RequireEqual(WordCount, code.Length);
        code.Clear();
        for (int d = 0; d < vector.Length; d++)
            if (vector[d] > _thresholds[d])
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
