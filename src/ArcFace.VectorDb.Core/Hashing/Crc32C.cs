using System.Buffers.Binary;
using System.Numerics;

namespace ArcFace.VectorDb.Core.Hashing;

/// <summary>CRC-32C (Castagnoli), hardware accelerated through <see cref="BitOperations.Crc32C(uint, ulong)"/>.</summary>
public static class Crc32C
{
    /// <summary>Initial state to pass to the first <see cref="Append"/>.</summary>
    public const uint Seed = 0xFFFF_FFFFu;

    /// <summary>Continues a running CRC over more bytes; finish with <see cref="Finish"/>.</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i <= data.Length - 8; i += 8)
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        for (; i < data.Length; i++)
            state = BitOperations.Crc32C(state, data[i]);
        return state;
    }

    /// <summary>Turns a running state into the CRC value.</summary>
    public static uint Finish(uint state) => ~state;

    /// <summary>CRC-32C of a whole buffer.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Seed, data));
}
