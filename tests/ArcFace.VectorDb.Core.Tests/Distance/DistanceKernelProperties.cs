using ArcFace.VectorDb.Core.Distance;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ArcFace.VectorDb.Core.Tests.Distance;

/// <summary>Every kernel path (512, 256, 128-bit and scalar, whichever this CPU accelerates or not) agrees with float64 to 1e-5 relative.</summary>
public unsafe class DistanceKernelProperties
{
    private delegate float PointerKernel(float* a, float* b, int length);

    [Property(MaxTest = 300)]
    public Property Inner_product_matches_float64_on_every_width_path() =>
        Prop.ForAll(KernelCase.Arbitrary, c => AllPathsAgree<ProductTerm>(c, Float64Reference.Dot(c.A, c.B)));

    [Property(MaxTest = 300)]
    public Property Squared_l2_matches_float64_on_every_width_path() =>
        Prop.ForAll(KernelCase.Arbitrary, c => AllPathsAgree<SquaredDifferenceTerm>(c, Float64Reference.SquaredL2(c.A, c.B)));

    [Property(MaxTest = 300)]
    public Property Public_span_kernels_match_float64() =>
        Prop.ForAll(KernelCase.Arbitrary, c =>
            Float64Reference.Agrees(DotProduct.Compute(c.A, c.B), Float64Reference.Dot(c.A, c.B))
            && Float64Reference.Agrees(SquaredEuclidean.Compute(c.A, c.B), Float64Reference.SquaredL2(c.A, c.B)));

    [Property(MaxTest = 200)]
    public Property One_to_four_kernels_match_float64_for_both_terms() =>
        Prop.ForAll(KernelCase.Arbitrary, c =>
        {
            var x = c.A;
            var others = Enumerable.Range(1, 4).Select(q => (c with { Seed = c.Seed + q }).B).ToArray();
            var products = FourAtOnce<ProductTerm>(x, others);
            var squares = FourAtOnce<SquaredDifferenceTerm>(x, others);
            return Enumerable.Range(0, 4).All(q =>
                Float64Reference.Agrees(products[q], Float64Reference.Dot(x, others[q]))
                && Float64Reference.Agrees(squares[q], Float64Reference.SquaredL2(x, others[q])));
        });

    private static float[] FourAtOnce<TTerm>(ArraySegment<float> x, ArraySegment<float>[] others) where TTerm : IPairTerm
    {
        var results = new float[4];
        fixed (float* px = x.AsSpan())
        fixed (float* p0 = others[0].AsSpan())
        fixed (float* p1 = others[1].AsSpan())
        fixed (float* p2 = others[2].AsSpan())
        fixed (float* p3 = others[3].AsSpan())
        fixed (float* r = results)
            OneToFourKernel<TTerm>.Compute(px, p0, p1, p2, p3, x.Count, r);
        return results;
    }

    [Property(MaxTest = 300)]
    public Property Normalize_gives_the_float64_unit_vector_and_returns_the_norm() =>
        Prop.ForAll(KernelCase.Arbitrary, c =>
        {
            var original = c.A.ToArray();
            var v = original.ToArray();
            double norm = Math.Sqrt(Float64Reference.Dot(v, v).Value);
            double returned = L2Normalization.Normalize(v);
            bool normAgrees = Math.Abs(returned - norm) <= Float64Reference.RelativeTolerance * norm;
            bool unitAgrees = v.Select((x, i) => Math.Abs(x - original[i] / norm)).All(e => e <= Float64Reference.RelativeTolerance);
            return normAgrees && unitAgrees;
        });

    [Property(MaxTest = 200)]
    public Property Normalize_gives_the_same_unit_vector_at_any_scale_without_overflow_or_underflow() =>
        Prop.ForAll(KernelCase.Arbitrary, c =>
        {
            var unit = c.A.ToArray();
            if (!(L2Normalization.Normalize(unit) > 0))
                return true;
            foreach (float scale in (float[])[1e-30f, 1e-20f, 1e20f, 1e30f])
            {
                var scaled = c.A.Select(x => x * scale).ToArray();
                if (scaled.Any(x => !float.IsFinite(x)) || scaled.All(x => x == 0))
                    continue;
                L2Normalization.Normalize(scaled);
                if (scaled.Select((x, i) => Math.Abs(x - unit[i])).Any(e => e > 1e-5))
                    return false;
            }
            return true;
        });

    [Theory]
    [InlineData(3e38f)]
    [InlineData(1e-30f)]
    [InlineData(1e-44f)]
    public void Normalize_is_exact_for_vectors_whose_squared_length_leaves_float_range(float component)
    {
        var v = new[] { component, -component };

        double norm = L2Normalization.Normalize(v);

        Assert.Equal(Math.Sqrt(2) * component, norm, 1e-6 * Math.Sqrt(2) * component);
        Assert.Equal(MathF.Sqrt(0.5f), v[0], 1e-6f);
        Assert.Equal(-MathF.Sqrt(0.5f), v[1], 1e-6f);
    }

    [Fact]
    public void Normalize_leaves_a_zero_vector_as_it_is_and_returns_zero()
    {
        var v = new float[3];

        Assert.Equal(0, L2Normalization.Normalize(v));
        Assert.All(v, x => Assert.Equal(0f, x));
    }

    private static bool AllPathsAgree<TTerm>(KernelCase c, (double Value, double Magnitude) expected) where TTerm : IPairTerm
    {
        var paths = new List<(int MinLength, PointerKernel Kernel)>
        {
            (16, PairwiseKernel<TTerm>.Vector512Path),
            (8, PairwiseKernel<TTerm>.Vector256Path),
            (4, PairwiseKernel<TTerm>.Vector128Path),
            (1, PairwiseKernel<TTerm>.ScalarPath),
            (1, PairwiseKernel<TTerm>.Compute),
        };
        fixed (float* a = c.A.AsSpan())
        fixed (float* b = c.B.AsSpan())
        {
            foreach (var (minLength, kernel) in paths)
                if (c.Length >= minLength && !Float64Reference.Agrees(kernel(a, b, c.Length), expected))
                    return false;
        }
        return true;
    }
}
