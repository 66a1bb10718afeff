using System.Numerics.Tensors;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Quantization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ArcFace.VectorDb.Benchmarks;

/// <summary>Our distance kernels against System.Numerics.Tensors.TensorPrimitives (the baseline of each category) on unaligned slices, and the int8 and 1-bit code kernels per path.</summary>
[JsonExporterAttribute.Brief]
[MarkdownExporterAttribute.GitHub]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public unsafe class KernelBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _scratch = [];
    private sbyte[] _codesA = [];
    private sbyte[] _codesB = [];
    private ulong[] _bitsA = [];
    private ulong[] _bitsB = [];

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
        _codesA = Enumerable.Range(0, Dim + 1).Select(_ => (sbyte)random.Next(-128, 128)).ToArray();
        _codesB = Enumerable.Range(0, Dim + 1).Select(_ => (sbyte)random.Next(-128, 128)).ToArray();
        _bitsA = Enumerable.Range(0, Words + 1).Select(_ => (ulong)random.NextInt64()).ToArray();
        _bitsB = Enumerable.Range(0, Words + 1).Select(_ => (ulong)random.NextInt64()).ToArray();
    }

    /// <summary>64-bit words of a 1-bit code of Dim dimensions.</summary>
    private int Words => (Dim + 63) / 64;

    private ReadOnlySpan<float> A => _a.AsSpan(1, Dim);
    private ReadOnlySpan<float> B => _b.AsSpan(1, Dim);
    private ReadOnlySpan<sbyte> CodesA => _codesA.AsSpan(1, Dim);
    private ReadOnlySpan<sbyte> CodesB => _codesB.AsSpan(1, Dim);
    private ReadOnlySpan<ulong> BitsA => _bitsA.AsSpan(1, Words);
    private ReadOnlySpan<ulong> BitsB => _bitsB.AsSpan(1, Words);

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

    [Benchmark(Baseline = true), BenchmarkCategory("int8-dot")]
    public int Int8DotScalar()
    {
        fixed (sbyte* a = CodesA)
        fixed (sbyte* b = CodesB)
            return Int8DotKernel.ScalarPath(a, b, Dim);
    }

    [Benchmark, BenchmarkCategory("int8-dot")]
    public int Int8DotOurs() => Int8DotProduct.Compute(CodesA, CodesB);

    [Benchmark, BenchmarkCategory("int8-dot")]
    public int Int8DotWiden512()
    {
        fixed (sbyte* a = CodesA)
        fixed (sbyte* b = CodesB)
            return Int8DotKernel.Widen512Path(a, b, Dim);
    }

    [Benchmark, BenchmarkCategory("int8-dot")]
    public int Int8DotWiden256()
    {
        fixed (sbyte* a = CodesA)
        fixed (sbyte* b = CodesB)
            return Int8DotKernel.Widen256Path(a, b, Dim);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("hamming")]
    public int HammingScalar()
    {
        fixed (ulong* a = BitsA)
        fixed (ulong* b = BitsB)
            return HammingKernel.ScalarPath(a, b, Words);
    }

    /// <summary>The dispatcher: the AVX-512BW table path from 8 words (512 dimensions) on this CPU, scalar below.</summary>
    [Benchmark, BenchmarkCategory("hamming")]
    public int HammingOurs() => HammingDistance.Compute(BitsA, BitsB);

    /// <summary>The AVX2 table path where the code fills it (4 words), scalar below.</summary>
    [Benchmark, BenchmarkCategory("hamming")]
    public int HammingLookup256()
    {
        fixed (ulong* a = BitsA)
        fixed (ulong* b = BitsB)
            return Words >= 4 ? HammingKernel.Lookup256Path(a, b, Words) : HammingKernel.ScalarPath(a, b, Words);
    }
}
