using ArcFace.VectorDb.Core.Quantization;

namespace ArcFace.VectorDb.Core.Tests.Quantization;

/// <summary>The 1-bit codec: sign bits, Hamming distance and the cosine estimate at its ends.</summary>
public class BinaryQuantizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(513)]
    public void A_code_is_at_Hamming_0_from_itself_and_d_from_the_negated_vector(int dimension)
    {
        var quantizer = new BinaryQuantizer(dimension);
        var vector = UnitVectors.Generate(1, dimension, seed: dimension);
        var negated = vector.Select(x => -x).ToArray();
        var code = new ulong[quantizer.WordCount];
        var negatedCode = new ulong[quantizer.WordCount];

        quantizer.Encode(vector, code);
        quantizer.Encode(negated, negatedCode);

        Assert.Equal(0, quantizer.Distance(code, code));
        Assert.Equal(dimension, quantizer.Distance(code, negatedCode));
        Assert.Equal(1.0, quantizer.EstimateCosine(0), 12);
        Assert.Equal(-1.0, quantizer.EstimateCosine(dimension), 12);
    }

    [Fact]
    public void Positive_components_set_their_bit_and_padding_bits_stay_zero()
    {
        var quantizer = new BinaryQuantizer(70);
        var vector = new float[70];
        vector[0] = 1f;
        vector[65] = 0.5f;
        vector[3] = -1f;
        var code = new ulong[] { ulong.MaxValue, ulong.MaxValue };

        quantizer.Encode(vector, code);

        Assert.Equal([1UL, 2UL], code);
    }

    [Fact]
    public void Cosine_estimated_from_Hamming_tracks_the_true_cosine_of_random_unit_vectors()
    {
        const int dimension = 512;
        var quantizer = new BinaryQuantizer(dimension);
        var vectors = UnitVectors.Generate(2, dimension, seed: 3);
        var a = vectors.AsSpan(0, dimension).ToArray();
        var b = vectors.AsSpan(dimension, dimension).ToArray();
        var near = a.Zip(b, (x, y) => x + 0.5f * y).ToArray();
        ulong[] codeA = new ulong[8], codeNear = new ulong[8];
        quantizer.Encode(a, codeA);
        quantizer.Encode(near, codeNear);
        double truth = UnitVectors.Dot(a, near) / Math.Sqrt(UnitVectors.Dot(near, near));

        Assert.Equal(truth, quantizer.EstimateCosine(quantizer.Distance(codeA, codeNear)), 0.1);
    }
}
