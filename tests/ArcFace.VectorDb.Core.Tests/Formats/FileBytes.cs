using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ArcFace.VectorDb.Core.Tests.Formats;

/// <summary>Builds the raw bytes of hand-made (and deliberately broken) vector files.</summary>
internal sealed class FileBytes
{
    private readonly MemoryStream bytes = new();

    /// <summary>Appends a little-endian int32.</summary>
    public FileBytes Int32(int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        bytes.Write(b);
        return this;
    }

    /// <summary>Appends values in their in-memory (little-endian) layout.</summary>
    public FileBytes Values<T>(params T[] values)
        where T : unmanaged
    {
        bytes.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        return this;
    }

    /// <summary>Appends a TEXMEX row: its dimension, then the components.</summary>
    public FileBytes Row<T>(params T[] values)
        where T : unmanaged => Int32(values.Length).Values(values);

    /// <summary>Appends an .npy version 1.0 prefix and the given header text.</summary>
    public FileBytes NpyHeader(string dict, byte major = 1)
    {
        bytes.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0]);
        string header = dict + "\n";
        if (major == 1)
            Values((ushort)header.Length);
        else
            Values((uint)header.Length);
        bytes.Write(Encoding.ASCII.GetBytes(header));
        return this;
    }

    /// <summary>Drops the last <paramref name="count"/> bytes.</summary>
    public FileBytes Cut(int count)
    {
        bytes.SetLength(bytes.Length - count);
        return this;
    }

    /// <summary>A readable stream over the bytes so far.</summary>
    public MemoryStream Stream() => new(bytes.ToArray(), writable: false);

    /// <summary>A stream over the bytes so far that cannot seek (as a pipe or a decompressor).</summary>
    public Stream ForwardOnlyStream() => new ForwardOnlyStream(Stream());
}
