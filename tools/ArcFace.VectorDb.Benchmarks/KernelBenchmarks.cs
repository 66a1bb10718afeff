using System.Numerics.Tensors;
using ArcFace.VectorDb.Core.Distance;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ArcFace.VectorDb.Benchmarks;

/// <summary>Our distance kernels against System.Numerics.Tensors.TensorPrimitives (the baseline of each category) on unaligned slices.</summary>
[JsonExporterAttribute.Brief]
[MarkdownExporterAttribute.GitHub]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class KernelBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _scratch = [];

    /// <summary>Vector length: a small embedding, ArcFace, Fashion-MNIST, a large image embedding.</summary>
    [Params(128, 512, 784, 2048)]
    public int Dim { get; set; }

    /// <summary>Two random vectors, each an unaligned slice (one float into its array), as rows of a real matrix often are.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _a = Enumerable.Range(0, Dim + 1).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        _b = Enumerable.Range(0, Dim + 1).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        _scratch = new float[Dim + 1];
    }

    private ReadOnlySpan<float> A => _a.AsSpan(1, Dim);
    private ReadOnlySpan<float> B => _b.AsSpan(1, Dim);

    [Benchmark(Baseline = true), BenchmarkCategory("dot")]
    public float DotTensorPrimitives() => TensorPrimitives.Dot(A, B);

    [Benchmark, BenchmarkCategory("dot")]
    public float DotOurs() => DotProduct.Compute(A, B);

    [Benchmark(Baseline = true), BenchmarkCategory("squared-l2")]
    public float SquaredL2TensorPrimitives()
    {
        float d = TensorPrimitives.Distance(A, B);
        return d * d;
    }

    [Benchmark, BenchmarkCategory("squared-l2")]
    public float SquaredL2Ours() => SquaredEuclidean.Compute(A, B);

    [Benchmark(Baseline = true), BenchmarkCategory("normalize")]
    public void NormalizeTensorPrimitives()
    {
        var v = _scratch.AsSpan(1, Dim);
        A.CopyTo(v);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
    }

    [Benchmark, BenchmarkCategory("normalize")]
    public void NormalizeOurs()
    {
        var v = _scratch.AsSpan(1, Dim);
        A.CopyTo(v);
        L2Normalization.Normalize(v);
    }
}
