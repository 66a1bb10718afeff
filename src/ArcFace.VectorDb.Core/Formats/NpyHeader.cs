using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ArcFace.VectorDb.Core.Formats;

/// <summary>The header of a NumPy .npy file: magic, version, then a Python dict of dtype, order and shape.</summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    private const int PrefixBytes = 8;
    private const int MaxHeaderBytes = 1 << 20;
    private const int Alignment = 64;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads and parses the header, leaving the stream at the first data byte.</summary>
    public static NpyHeader Read(Stream stream, string path)
    {
        Span<byte> prefix = stackalloc byte[PrefixBytes];
        int got = stream.ReadAtLeast(prefix, PrefixBytes, throwOnEndOfStream: false);
        if (got == 0)
            throw VectorFileException.Empty(path);
        if (got < Magic.Length || !prefix[..Magic.Length].SequenceEqual(Magic))
            throw new VectorFileException(path, $"bad npy magic: expected 93-4E-55-4D-50-59 (\\x93NUMPY), found {BitConverter.ToString(prefix[..Math.Min(got, Magic.Length)].ToArray())}.");
        if (got < PrefixBytes)
            throw new VectorFileException(path, $"truncated npy header: expected {PrefixBytes} bytes of magic and version, found {got}.");
        byte major = prefix[6];
        int lengthBytes = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new VectorFileException(path, $"unsupported npy version {major}.{prefix[7]}; versions 1.0, 2.0 and 3.0 are read."),
        };
        Span<byte> length = stackalloc byte[lengthBytes];
        ReadExactly(stream, path, length);
        long headerBytes = lengthBytes == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(length)
            : BinaryPrimitives.ReadUInt32LittleEndian(length);
        if (headerBytes > MaxHeaderBytes)
            throw new VectorFileException(path, $"bad npy header: its length {headerBytes} is over {MaxHeaderBytes} bytes.");
        var text = new byte[headerBytes];
        ReadExactly(stream, path, text);
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        try
        {
            return NpyHeaderParser.Parse(encoding.GetString(text));
        }
        catch (FormatException e)
        {
            throw new VectorFileException(path, $"bad npy header: {e.Message} in {encoding.GetString(text).TrimEnd()}");
        }
    }

    /// <summary>Writes a version 1.0 header for a C-order 2-D array, padded so the data starts 64-byte aligned.</summary>
    public static void Write(Stream stream, string descr, long rows, int width)
    {
        string dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {width}), }}");
        int unpadded = PrefixBytes + sizeof(ushort) + dict.Length + 1;
        int padded = (unpadded + Alignment - 1) / Alignment * Alignment;
        string header = dict + new string(' ', padded - unpadded) + "\n";
        Span<byte> prefix = stackalloc byte[PrefixBytes + sizeof(ushort)];
        Magic.CopyTo(prefix);
        prefix[6] = 1;
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[PrefixBytes..], (ushort)header.Length);
        stream.Write(prefix);
        stream.Write(Encoding.Latin1.GetBytes(header));
    }

    private static void ReadExactly(Stream stream, string path, Span<byte> target)
    {
        int got = stream.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
        if (got < target.Length)
            throw new VectorFileException(path, $"truncated npy header: expected {target.Length} more bytes, found {got}.");
    }
}
