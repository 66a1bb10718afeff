using ArcFace.VectorDb.Core.Quantization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ArcFace.VectorDb.Core.Tests.Quantization;

/// <summary>The int8 codec: decoding is within half a step inside the range, and its inner-product estimates are close to float64.</summary>
public class ScalarQuantizerProperties
{
    private static readonly Gen<ScalarQuantizerOptions> Options =
        from range in Gen.Elements(ScalarRange.Global, ScalarRange.PerDimension)
        from quantile in Gen.Elements<double?>(null, 0.999, 0.99, 0.9)
        select new ScalarQuantizerOptions { Range = range, Quantile = quantile };

    [Property(MaxTest = 100)]
    public Property Decode_of_encode_is_within_half_a_step_inside_the_range_and_clips_to_the_range_outside() =>
        Prop.ForAll(
            (from dimension in Gen.Choose(1, 64)
             from scale in Gen.Elements(1e-3f, 1f, 1e3f)
             from options in Options
             from seed in Gen.Choose(0, int.MaxValue)
             select (dimension, scale, options, seed)).ToArbitrary(),
            c =>
            {
                var (dimension, scale, options, seed) = c;
                var random = new Random(seed);
                var sample = new float[100 * dimension];
                for (int i = 0; i < sample.Length; i++)
                    sample[i] = (float)(random.NextDouble() * 2 - 1) * scale + (i % dimension) * scale * 0.1f;
                var quantizer = ScalarQuantizer.Train(sample, dimension, options);
                var codes = new sbyte[dimension];
                var decoded = new float[dimension];
                for (int row = 0; row < 100; row++)
                {
                    var vector = sample.AsSpan(row * dimension, dimension);
                    quantizer.Encode(vector, codes);
                    quantizer.Decode(codes, decoded);
                    for (int d = 0; d < dimension; d++)
                    {
                        float lower = quantizer.Lower[d], upper = quantizer.Upper[d];
                        float clipped = Math.Clamp(vector[d], lower, upper);
                        float slack = 1e-5f * Math.Max(Math.Abs(lower), Math.Abs(upper));
                        if (Math.Abs(decoded[d] - clipped) > quantizer.Step[d] / 2 + slack)
                            return false;
                    }
                }
                return true;
            });

    [Theory]
    [InlineData(128, 0.0)]
    [InlineData(128, 0.5)]
    [InlineData(512, 0.0)]
    [InlineData(512, 0.5)]
    public void Default_estimates_of_unit_vector_inner_products_are_within_0_0025_on_average_and_0_015_at_worst(int dimension, double anisotropy)
    {
        var e = ScoreErrors.Measure(dimension, ScalarQuantizerOptions.Default, anisotropy);

        Assert.True(e.AsymmetricMean < 0.0025 && e.SymmetricMean < 0.0025, e.ToString());
        Assert.True(e.AsymmetricMax < 0.015 && e.SymmetricMax < 0.015, e.ToString());
    }

    [Theory]
    [InlineData(ScalarRange.Global)]
    [InlineData(ScalarRange.PerDimension)]
    public void Symmetric_estimate_equals_the_inner_product_of_the_decoded_vectors(ScalarRange range)
    {
        const int dimension = 100;
        var vectors = UnitVectors.Generate(50, dimension, seed: 7, anisotropy: 0.5);
        var quantizer = ScalarQuantizer.Train(vectors, dimension, new ScalarQuantizerOptions { Range = range, Quantile = 0.99 });
        sbyte[] a = new sbyte[dimension], b = new sbyte[dimension];
        float[] decodedA = new float[dimension], decodedB = new float[dimension];

        float ka = quantizer.Encode(vectors.AsSpan(0, dimension), a);
        float kb = quantizer.Encode(vectors.AsSpan(dimension, dimension), b);
        quantizer.Decode(a, decodedA);
        quantizer.Decode(b, decodedB);

        Assert.Equal(UnitVectors.Dot(decodedA, decodedB), quantizer.EstimateInnerProduct(a, ka, b, kb), 1e-5);
    }

    [Theory]
    [InlineData(ScalarRange.Global)]
    [InlineData(ScalarRange.PerDimension)]
    public void Write_then_read_gives_a_quantiser_that_codes_identically(ScalarRange range)
    {
        const int dimension = 37;
        var vectors = UnitVectors.Generate(40, dimension, seed: 9, anisotropy: 0.5);
        var quantizer = ScalarQuantizer.Train(vectors, dimension, new ScalarQuantizerOptions { Range = range });
        using var stream = new MemoryStream();

        quantizer.Write(stream);
        stream.Position = 0;
        var read = ScalarQuantizer.Read(stream);

        Assert.Equal(range, read.Range);
        Assert.Equal(quantizer.Lower.ToArray(), read.Lower.ToArray());
        Assert.Equal(quantizer.Upper.ToArray(), read.Upper.ToArray());
        sbyte[] expected = new sbyte[dimension], actual = new sbyte[dimension];
        Assert.Equal(quantizer.Encode(vectors.AsSpan(0, dimension), expected), read.Encode(vectors.AsSpan(0, dimension), actual));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Train_rejects_a_sample_that_is_not_whole_vectors_and_quantiles_outside_0_to_1()
    {
        Assert.Throws<ArgumentException>(() => ScalarQuantizer.Train(new float[10], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScalarQuantizer.Train(new float[9], 3, new ScalarQuantizerOptions { Quantile = 1.5 }));
    }
}
