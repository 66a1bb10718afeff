using FsCheck;
using FsCheck.Fluent;

namespace ArcFace.VectorDb.Core.Tests.Distance;

/// <summary>Two random vectors of one length, each a slice at an arbitrary float offset (so loads are unaligned).</summary>
public sealed record KernelCase(int Length, int OffsetA, int OffsetB, float Scale, int Seed)
{
    /// <summary>Lengths 1..4096, half of them short (1..80) so that every tail size of every width is hit often.</summary>
    public static Arbitrary<KernelCase> Arbitrary { get; } =
        (from length in Gen.OneOf(Gen.Choose(1, 80), Gen.Choose(1, 4096))
         from offsetA in Gen.Choose(0, 15)
         from offsetB in Gen.Choose(0, 15)
         from scale in Gen.Elements(1e-3f, 1f, 1e3f)
         from seed in Gen.Choose(0, int.MaxValue)
         select new KernelCase(length, offsetA, offsetB, scale, seed)).ToArbitrary();

    /// <summary>The first vector: uniform in ±Scale, placed at OffsetA inside a larger array.</summary>
    public ArraySegment<float> A => Slice(OffsetA, Seed);

    /// <summary>The second vector, independent of the first.</summary>
    public ArraySegment<float> B => Slice(OffsetB, Seed ^ 0x5bd1e995);

    private ArraySegment<float> Slice(int offset, int seed)
    {
        var random = new Random(seed);
        var buffer = new float[offset + Length + 16];
        for (int i = 0; i < buffer.Length; i++)
            buffer[i] = (float)(random.NextDouble() * 2 - 1) * Scale;
        return new ArraySegment<float>(buffer, offset, Length);
    }
}
