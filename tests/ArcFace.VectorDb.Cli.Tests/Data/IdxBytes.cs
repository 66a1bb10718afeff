using System.Buffers.Binary;
using System.IO.Compression;

namespace ArcFace.VectorDb.Cli.Tests.Data;

/// <summary>Writes small hand-made gzipped idx files.</summary>
internal static class IdxBytes
{
    /// <summary>Writes a gzipped idx file with the given magic, sizes and data.</summary>
    public static void WriteGz(string path, int magic, int[] sizes, byte[] data)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, magic);
        gzip.Write(word);
        foreach (int size in sizes)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, size);
            gzip.Write(word);
        }
        gzip.Write(data);
    }

    /// <summary>Writes the four Fashion-MNIST files of a tiny 2×2-pixel set: 3 train and 2 test images.</summary>
    public static void WriteTinyFashionMnist(string folder)
    {
        WriteGz(Path.Combine(folder, "train-images-idx3-ubyte.gz"), 0x803, [3, 2, 2], [255, 0, 0, 0, 3, 4, 0, 0, 0, 0, 0, 51]);
        WriteGz(Path.Combine(folder, "train-labels-idx1-ubyte.gz"), 0x801, [3], [9, 0, 4]);
        WriteGz(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), 0x803, [2, 2, 2], [1, 1, 1, 1, 0, 255, 0, 0]);
        WriteGz(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), 0x801, [2], [2, 7]);
    }
}
