using System.Buffers.Binary;
using System.IO.Compression;

namespace ArcFace.VectorDb.Cli.Data;

/// <summary>Reads gzipped idx files (the MNIST format): a big-endian magic 0x000008NN (unsigned bytes, NN dimensions), NN big-endian int32 sizes, then the bytes.</summary>
internal static class IdxFile
{
    private const int UnsignedByteMagic = 0x0800;

    /// <summary>Reads a gzipped idx file of unsigned bytes with the given number of dimensions.</summary>
    public static IdxArray ReadGz(string path, int dimensions)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            return Read(gzip, path, dimensions);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path}: not a valid gzip file ({e.Message}).", e);
        }
    }

    /// <summary>Reads an idx array of unsigned bytes with the given number of dimensions from an uncompressed stream.</summary>
    public static IdxArray Read(Stream stream, string path, int dimensions)
    {
        Span<byte> header = stackalloc byte[sizeof(int) * (1 + dimensions)];
        int got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        int expectedMagic = UnsignedByteMagic | dimensions;
        int magic = got >= sizeof(int) ? BinaryPrimitives.ReadInt32BigEndian(header) : -1;
        if (magic != expectedMagic)
            throw new DatasetException($"{path}: idx magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} (unsigned bytes, {dimensions} dimension(s)); is this the right file?");
        if (got < header.Length)
            throw new DatasetException($"{path}: truncated idx header: expected {header.Length} bytes, found {got}.");
        var shape = new int[dimensions];
        long total = 1;
        for (int i = 0; i < dimensions; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(header[(sizeof(int) * (i + 1))..]);
            if (shape[i] <= 0)
                throw new DatasetException($"{path}: idx size {i} is {shape[i]}; sizes must be positive.");
            total *= shape[i];
            if (total > Array.MaxLength)
                throw new DatasetException($"{path}: the idx sizes ({string.Join(" x ", shape[..(i + 1)])}) are too large.");
        }
        var data = new byte[total];
        got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < data.Length)
            throw new DatasetException($"{path}: truncated: the header declares {string.Join(" x ", shape)} = {total} bytes of data, found {got}.");
        if (stream.ReadByte() >= 0)
            throw new DatasetException($"{path}: more data than the header's {string.Join(" x ", shape)} = {total} bytes.");
        return new IdxArray(data, shape);
    }
}
