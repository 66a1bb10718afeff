using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>Byte masks for tails: 64 zero bytes then 64 all-ones bytes; a load at 64 − count + keep keeps the last keep bytes.</summary>
internal static class ByteTailMask
{
    private static ReadOnlySpan<byte> Bytes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ];

    /// <summary>Reference to the mask byte at which a load of <paramref name="count"/> bytes keeps the last <paramref name="keep"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref byte For(int count, int keep) =>
        ref Unsafe.Add(ref MemoryMarshal.GetReference(Bytes), 64 - count + keep);
}
