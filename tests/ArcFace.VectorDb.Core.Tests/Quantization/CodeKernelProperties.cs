using System.Runtime.Intrinsics.X86;
using ArcFace.VectorDb.Core.Quantization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ArcFace.VectorDb.Core.Tests.Quantization;

/// <summary>Every int8 dot and Hamming path this CPU supports agrees exactly with a scalar int64 reference.</summary>
public unsafe class CodeKernelProperties
{
    private delegate int Int8Kernel(sbyte* a, sbyte* b, int length);

    private delegate int WordKernel(ulong* a, ulong* b, int words);

    /// <summary>(minimum length, kernel) for each int8 path this CPU can run, plus the dispatcher.</summary>
    private static List<(int MinLength, Int8Kernel Kernel)> Int8Paths()
    {
        var paths = new List<(int, Int8Kernel)> { (0, Int8DotKernel.ScalarPath), (0, Int8DotKernel.Compute) };
        if (AvxVnni.IsSupported)
            paths.Add((32, Int8DotKernel.Vnni256Path));
        if (Avx512BW.IsSupported)
            paths.Add((32, Int8DotKernel.Widen512Path));
        if (Avx2.IsSupported)
            paths.Add((16, Int8DotKernel.Widen256Path));
        return paths;
    }

    /// <summary>(minimum word count, kernel) for each Hamming path this CPU can run, plus the dispatcher.</summary>
    private static List<(int MinWords, WordKernel Kernel)> HammingPaths()
    {
        var paths = new List<(int, WordKernel)> { (0, HammingKernel.ScalarPath), (0, HammingKernel.Compute) };
        if (Avx512BW.IsSupported)
            paths.Add((8, HammingKernel.Lookup512Path));
        if (Avx2.IsSupported)
            paths.Add((4, HammingKernel.Lookup256Path));
        return paths;
    }

    [Property(MaxTest = 400)]
    public Property Int8_dot_is_exact_on_every_supported_path_for_any_length_offset_and_extreme_values() =>
        Prop.ForAll(CodeCase.Arbitrary, c =>
        {
            long expected = ScalarCodeReference.Dot(c.A, c.B);
            fixed (sbyte* a = c.A.AsSpan())
            fixed (sbyte* b = c.B.AsSpan())
            {
                foreach (var (minLength, kernel) in Int8Paths())
                    if (c.Length >= minLength && kernel(a, b, c.Length) != expected)
                        return false;
            }
            return Int8DotProduct.Compute(c.A, c.B) == expected;
        });

    [Property(MaxTest = 400)]
    public Property Hamming_is_exact_on_every_supported_path_for_any_word_count_and_offset() =>
        Prop.ForAll(CodeCase.Arbitrary, c =>
        {
            var wordsA = c.WordsA;
            var wordsB = c.WordsB;
            int expected = ScalarCodeReference.Hamming(wordsA, wordsB);
            fixed (ulong* a = wordsA.AsSpan())
            fixed (ulong* b = wordsB.AsSpan())
            {
                foreach (var (minWords, kernel) in HammingPaths())
                    if (wordsA.Count >= minWords && kernel(a, b, wordsA.Count) != expected)
                        return false;
            }
            return HammingDistance.Compute(wordsA, wordsB) == expected;
        });

    [Fact]
    public void Int8_dot_of_the_longest_allowed_vectors_of_minus_128_is_exact_on_every_path()
    {
        var a = new sbyte[Int8DotProduct.MaxLength];
        Array.Fill(a, sbyte.MinValue);
        long expected = (long)Int8DotProduct.MaxLength * 128 * 128;
        fixed (sbyte* p = a)
        {
            foreach (var (_, kernel) in Int8Paths())
                Assert.Equal(expected, kernel(p, p, a.Length));
        }
        Assert.Equal(expected, Int8DotProduct.Compute(a, a));
    }

    [Fact]
    public void Int8_dot_rejects_vectors_of_different_lengths_or_longer_than_int32_allows()
    {
        Assert.Throws<ArgumentException>(() => Int8DotProduct.Compute(new sbyte[3], new sbyte[4]));
        var tooLong = new sbyte[Int8DotProduct.MaxLength + 1];
        Assert.Throws<ArgumentException>(() => Int8DotProduct.Compute(tooLong, tooLong));
    }

    [Fact]
    public void Hamming_of_all_zero_against_all_one_words_counts_every_bit()
    {
        var zeros = new ulong[13];
        var ones = Enumerable.Repeat(ulong.MaxValue, 13).ToArray();
        fixed (ulong* a = zeros)
        fixed (ulong* b = ones)
        {
            foreach (var (_, kernel) in HammingPaths())
                Assert.Equal(13 * 64, kernel(a, b, 13));
        }
    }
}
