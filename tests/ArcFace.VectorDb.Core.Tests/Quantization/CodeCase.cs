using FsCheck;
using FsCheck.Fluent;

namespace ArcFace.VectorDb.Core.Tests.Quantization;

/// <summary>Which values an int8 code case draws: anything in [−128, 127], only the extremes −128 and 127, or a mixture.</summary>
public enum CodeValues
{
    /// <summary>Uniform over [−128, 127].</summary>
    Uniform,

    /// <summary>Only −128 and 127, the values that overflow int16 products and signed/unsigned tricks first.</summary>
    Extremes,

    /// <summary>Half uniform, half extremes.</summary>
    Mixed,
}

/// <summary>Two random code vectors of one length, each a slice at an arbitrary offset into a larger array (so loads are unaligned).</summary>
public sealed record CodeCase(int Length, int OffsetA, int OffsetB, CodeValues Values, int Seed)
{
    /// <summary>Lengths 0..3000, half of them short (0..100) so that every tail size of every width is hit often.</summary>
    public static Arbitrary<CodeCase> Arbitrary { get; } =
        (from length in Gen.OneOf(Gen.Choose(0, 100), Gen.Choose(0, 3000))
         from offsetA in Gen.Choose(0, 63)
         from offsetB in Gen.Choose(0, 63)
         from values in Gen.Elements(CodeValues.Uniform, CodeValues.Extremes, CodeValues.Mixed)
         from seed in Gen.Choose(0, int.MaxValue)
         select new CodeCase(length, offsetA, offsetB, values, seed)).ToArbitrary();

    /// <summary>The first int8 vector, placed at OffsetA inside a larger array.</summary>
    public ArraySegment<sbyte> A => Bytes(OffsetA, Seed);

    /// <summary>The second int8 vector, independent of the first.</summary>
    public ArraySegment<sbyte> B => Bytes(OffsetB, Seed ^ 0x5bd1e995);

    /// <summary>The first 1-bit code as Length / 16 words (0..187) at OffsetA / 8 words into a larger array.</summary>
    public ArraySegment<ulong> WordsA => Words(OffsetA / 8, Seed);

    /// <summary>The second 1-bit code, independent of the first.</summary>
    public ArraySegment<ulong> WordsB => Words(OffsetB / 8, Seed ^ 0x5bd1e995);

    private ArraySegment<sbyte> Bytes(int offset, int seed)
    {
        var random = new Random(seed);
        var buffer = new sbyte[offset + Length + 64];
        for (int i = 0; i < buffer.Length; i++)
        {
            bool extreme = Values == CodeValues.Extremes || (Values == CodeValues.Mixed && random.Next(2) == 0);
            buffer[i] = extreme ? (random.Next(2) == 0 ? sbyte.MinValue : sbyte.MaxValue) : (sbyte)random.Next(-128, 128);
        }
        return new ArraySegment<sbyte>(buffer, offset, Length);
    }

    private ArraySegment<ulong> Words(int offset, int seed)
    {
        var random = new Random(seed);
        int count = Length / 16;
        var buffer = new ulong[offset + count + 8];
        for (int i = 0; i < buffer.Length; i++)
            buffer[i] = Values switch
            {
                CodeValues.Extremes => random.Next(2) == 0 ? 0UL : ulong.MaxValue,
                _ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40),
            };
        return new ArraySegment<ulong>(buffer, offset, count);
    }
}
