namespace ArcFace.VectorDb.Core.Formats;

/// <summary>Reads and writes vector and id files (.fvecs, .bvecs, .ivecs, .npy), choosing the format by extension.</summary>
public static class VectorFiles
{
    private const int BufferBytes = 1 << 20;

    /// <summary>Reads up to <paramref name="limit"/> vectors from a .fvecs, .bvecs (uint8 widened) or .npy ('&lt;f4', '&lt;f8', '|u1') file.</summary>
    public static VectorSet ReadVectors(string path, int limit = int.MaxValue) => ReadFile(path, Checked(limit), VectorReader(path));

    /// <summary>Reads up to <paramref name="limit"/> rows of ids from a .ivecs or .npy ('&lt;i4', '&lt;i8' range-checked) file.</summary>
    public static IdMatrix ReadIds(string path, int limit = int.MaxValue) => ReadFile(path, Checked(limit), IdReader(path));

    /// <summary>Writes vectors as TEXMEX .fvecs.</summary>
    public static void WriteFvecs(string path, VectorSet vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        using var stream = OpenWrite(path);
        TexmexFormat.Write<float>(stream, vectors.Data, vectors.Dimension);
    }

    /// <summary>Writes id rows as TEXMEX .ivecs.</summary>
    public static void WriteIvecs(string path, IdMatrix ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var stream = OpenWrite(path);
        TexmexFormat.Write<int>(stream, ids.Data, ids.Width);
    }

    /// <summary>Writes vectors as a 2-D float32 NumPy .npy array.</summary>
    public static void WriteNpy(string path, VectorSet vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        using var stream = OpenWrite(path);
        NpyFormat.Write(stream, vectors.Data, vectors.Dimension);
    }

    /// <summary>Reads vectors from a stream in the format that the extension of <paramref name="name"/> names.</summary>
    internal static VectorSet ReadVectors(Stream stream, string name, int limit = int.MaxValue) => VectorReader(name)(stream, name, Checked(limit));

    /// <summary>Reads ids from a stream in the format that the extension of <paramref name="name"/> names.</summary>
    internal static IdMatrix ReadIds(Stream stream, string name, int limit = int.MaxValue) => IdReader(name)(stream, name, Checked(limit));

    private static Func<Stream, string, int, VectorSet> VectorReader(string name) => Extension(name) switch
    {
        ".fvecs" => static (s, n, l) => Vectors(TexmexFormat.Read(s, n, ElementCodecs.Float32, l)),
        ".bvecs" => static (s, n, l) => Vectors(TexmexFormat.Read(s, n, ElementCodecs.UInt8AsFloat32, l)),
        ".npy" => static (s, n, l) => Vectors(NpyFormat.Read(s, n, NpyFormat.VectorDtypes, "vectors", l)),
        var other => throw Unsupported(name, other, "vector", ".fvecs, .bvecs, .npy"),
    };

    private static Func<Stream, string, int, IdMatrix> IdReader(string name) => Extension(name) switch
    {
        ".ivecs" => static (s, n, l) => Ids(TexmexFormat.Read(s, n, ElementCodecs.Int32, l)),
        ".npy" => static (s, n, l) => Ids(NpyFormat.Read(s, n, NpyFormat.IdDtypes, "ids", l)),
        var other => throw Unsupported(name, other, "id", ".ivecs, .npy"),
    };

    private static T ReadFile<T>(string path, int limit, Func<Stream, string, int, T> read)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan);
        return read(stream, path, limit);
    }

    private static FileStream OpenWrite(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes);

    private static VectorSet Vectors((float[] Data, int Width) m) => new(m.Data, m.Width);

    private static IdMatrix Ids((int[] Data, int Width) m) => new(m.Data, m.Width);

    private static int Checked(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return limit;
    }

    private static string Extension(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Path.GetExtension(name).ToLowerInvariant();
    }

    private static VectorFileException Unsupported(string name, string extension, string kind, string supported) =>
        new(name, $"unsupported {kind} file extension '{extension}'; supported: {supported}.");
}
