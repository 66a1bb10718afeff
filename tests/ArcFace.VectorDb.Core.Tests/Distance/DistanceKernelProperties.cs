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
            float returned = L2Normalization.Normalize(v);
            bool normAgrees = Math.Abs(returned - norm) <= Float64Reference.RelativeTolerance * norm;
            bool unitAgrees = v.Select((x, i) => Math.Abs(x - original[i] / norm)).All(e => e <= Float64Reference.RelativeTolerance);
            return normAgrees && unitAgrees;
        });

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
