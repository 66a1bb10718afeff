namespace ArcFace.VectorDb.Core.Tests.Quantization;

/// <summary>The code kernels written the obvious way, in 64-bit integers, one element or one bit at a time.</summary>
public static class ScalarCodeReference
{
    /// <summary>Σ aᵢbᵢ in int64.</summary>
    public static long Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += (long)a[i] * b[i];
        return sum;
    }

    /// <summary>Number of differing bits, tested one bit at a time.</summary>
    public static int Hamming(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int count = 0;
        for (int w = 0; w < a.Length; w++)
            for (int bit = 0; bit < 64; bit++)
                if (((a[w] >> bit) & 1) != ((b[w] >> bit) & 1))
                    count++;
        return count;
    }
}
