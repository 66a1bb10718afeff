using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Core.Formats;

/// <summary>NumPy .npy: a header, then a 2-D C-order array of one little-endian dtype.</summary>
internal static class NpyFormat
{
    /// <summary>The dtypes read as float32 vectors.</summary>
    public static readonly (string Descr, ElementCodec<float> Codec)[] VectorDtypes =
        [("<f4", ElementCodecs.Float32), ("<f8", ElementCodecs.Float64AsFloat32), ("|u1", ElementCodecs.UInt8AsFloat32)];

    /// <summary>The dtypes read as int32 ids.</summary>
    public static readonly (string Descr, ElementCodec<int> Codec)[] IdDtypes =
        [("<i4", ElementCodecs.Int32), ("<i8", ElementCodecs.Int64AsInt32)];

    private const string Float32Descr = "<f4";

    /// <summary>Reads up to <paramref name="limit"/> rows of a 2-D array whose dtype is one of <paramref name="dtypes"/>.</summary>
    public static (T[] Data, int Width) Read<T>(Stream stream, string path, (string Descr, ElementCodec<T> Codec)[] dtypes, string kind, int limit)
        where T : unmanaged
    {
        var header = NpyHeader.Read(stream, path);
        var codec = Array.Find(dtypes, d => d.Descr == header.Descr).Codec
            ?? throw new VectorFileException(path, $"unsupported dtype '{header.Descr}' for {kind}; supported: {string.Join(", ", Array.ConvertAll(dtypes, d => $"'{d.Descr}'"))}.");
        if (header.FortranOrder)
            throw new VectorFileException(path, "fortran_order is True; only C-order arrays are read (save np.ascontiguousarray(a)).");
        if (header.Shape.Length != 2)
            throw new VectorFileException(path, $"the array has shape ({string.Join(", ", header.Shape)}), {header.Shape.Length}-D; a 2-D (rows, dimension) array is required.");
        FileShape.CheckWidth(path, header.Shape[1], "the shape");
        int width = (int)header.Shape[1];
        long rows = Math.Min(header.Shape[0], limit);
        FileShape.CheckTotal(path, rows, width);
        var data = GC.AllocateUninitializedArray<T>((int)(rows * width));
        long expected = data.LongLength * codec.StoredSize;
        long got = codec.Read(stream, data, path, width, 0);
        if (got < expected)
            throw new VectorFileException(path, $"truncated at row {got / ((long)width * codec.StoredSize)}: {rows} rows of {width} '{header.Descr}' need {expected} data bytes, found {got}.");
        return (data, width);
    }

    /// <summary>Writes rows of <paramref name="width"/> float32 components as a 2-D '&lt;f4' array.</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> data, int width)
    {
        NpyHeader.Write(stream, Float32Descr, data.Length / width, width);
        for (int start = 0; start < data.Length; start += width)
            stream.Write(MemoryMarshal.AsBytes(data.Slice(start, width)));
    }
}
