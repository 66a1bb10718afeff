using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Hashing;
using ArcFace.VectorDb.Core.Quantization;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// The exact float32 vectors of a quantised index, outside its memory: a file of rows (row n is node n's vector)
/// after a header that names the quantisation and holds what the encoder learned. Rows are written with positioned
/// writes (so a full disk is an <see cref="IOException"/>, not a fault) and read through a memory mapping, so the
/// operating system keeps in memory only the rows re-ranking touches. The mapping grows by segments that never move,
/// each twice the rows of the one before, so the file (extended sparsely a segment at a time) is never more than
/// about twice the rows written.
/// </summary>
internal sealed unsafe class ExactVectorFile : IDisposable
{
    private const int FixedHeaderBytes = 64;
    private const int Page = 4096;
    private const uint FormatVersion = 1;
    /// <summary>log2 of the rows of the first segment; segment s holds 2^s times as many.</summary>
    private const int FirstSegmentShift = 6;

    private readonly FileStream stream;
    private readonly int rowBytes;
    private readonly object growLock = new();
    private readonly List<ReadMapping> mappings = [];
    private nint[] segments = new nint[8];
    private int segmentCount;
    private bool disposed;
    private ReadMapping? sharedMapping;
    private byte* sharedRows;
    private int sharedRowCount;

    private ExactVectorFile(FileStream stream, VectorQuantization kind, Metric metric, int dimension)
    {
        this.stream = stream;
        Kind = kind;
        Metric = metric;
        Dimension = dimension;
        rowBytes = dimension * sizeof(float);
        HeaderBytes = HeaderBytesFor(dimension);
    }

    /// <summary>The file's path.</summary>
    public string Path => stream.Name;

    /// <summary>The quantisation of the index the rows belong to.</summary>
    public VectorQuantization Kind { get; }

    /// <summary>The metric of that index.</summary>
    public Metric Metric { get; }

    /// <summary>Components per row.</summary>
    public int Dimension { get; }

    /// <summary>Bytes before the first row.</summary>
    public long HeaderBytes { get; }

    /// <summary>The encoder parameters the header holds (empty until the encoder is trained).</summary>
    public byte[] Parameters { get; private set; } = [];

    /// <summary>
    /// Opens the file a location names, or a temporary one when there is no location. A read-only location is read
    /// in place for its first <paramref name="sharedRows"/> rows (those of the snapshot being loaded); every other row
    /// lives in a temporary file that starts with a copy of its header.
    /// </summary>
    public static ExactVectorFile Open(ExactVectorLocation? location, VectorQuantization kind, Metric metric, int dimension, int sharedRows = 0)
    {
        if (location is null)
            return CreateTemporary(kind, metric, dimension);
        if (!location.ReadOnly)
            return OpenOrCreate(location.Path, kind, metric, dimension);
        if (!File.Exists(location.Path))
            return sharedRows == 0 ? CreateTemporary(kind, metric, dimension) : throw new InvalidDataException($"{location.Path} is missing: it holds the exact vectors of the index's {sharedRows} nodes.");
        var shared = new FileStream(location.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        ExactVectorFile? file = null;
        try
        {
            var header = new byte[Math.Min(shared.Length, HeaderBytesFor(dimension))];
            RandomAccess.Read(shared.SafeFileHandle, header, 0);
            var own = new FileStream(TemporaryPath(), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            RandomAccess.Write(own.SafeFileHandle, header, 0);
            file = Initialize(own, kind, metric, dimension);
            file.MapShared(shared, sharedRows);
            return file;
        }
        catch
        {
            file?.Dispose();
            shared.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the file at <paramref name="path"/>, or creates it with an empty header; an existing file must be for the
    /// same quantisation, metric and dimension (its parameters and rows are kept, to be checked against a snapshot).
    /// </summary>
    public static ExactVectorFile OpenOrCreate(string path, VectorQuantization kind, Metric metric, int dimension)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
        return Initialize(stream, kind, metric, dimension);
    }

    /// <summary>Creates an unnamed file in the temporary folder, deleted when it is disposed (an index that is never reopened).</summary>
    public static ExactVectorFile CreateTemporary(VectorQuantization kind, Metric metric, int dimension)
    {
        var stream = new FileStream(TemporaryPath(), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        return Initialize(stream, kind, metric, dimension);
    }

    /// <summary>Writes the encoder's parameters into the header and flushes them to disk.</summary>
    public void WriteParameters(byte[] parameters)
    {
        Parameters = parameters;
        WriteHeader();
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Writes node <paramref name="node"/>'s row (never one of the rows read in place from another process's file).</summary>
    public void Write(int node, ReadOnlySpan<float> vector)
    {
        if (node < sharedRowCount)
            throw new InvalidOperationException($"Row {node} is read in place from {Path}, which this index may not write.");
        EnsureRows(node + 1);
        RandomAccess.Write(stream.SafeFileHandle, MemoryMarshal.AsBytes(vector), RowOffset(node));
    }

    /// <summary>Node <paramref name="node"/>'s row; its segment must be mapped (written, or covered by <see cref="EnsureRows"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* Row(int node) => node < sharedRowCount
        ? (float*)(sharedRows + HeaderBytes + (long)node * rowBytes)
        : SegmentRow(node);

    /// <summary>Maps the segments that hold rows 0 … <paramref name="rows"/> − 1, growing the file (sparsely) when needed.</summary>
    public void EnsureRows(int rows)
    {
        if (rows <= 0)
            return;
        int needed = Segment(rows - 1) + 1;
        if (Volatile.Read(ref segmentCount) >= needed)
            return;
        lock (growLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            while (segmentCount < needed)
                MapNextSegment();
        }
    }

    /// <summary>Whether the file is long enough to hold <paramref name="rows"/> rows (the rows read in place always are: they were checked on opening).</summary>
    public bool Holds(int rows) => rows <= sharedRowCount || stream.Length >= RowOffset(rows);

    /// <summary>Bytes the header and <paramref name="rows"/> rows take.</summary>
    public long BytesFor(int rows) => RowOffset(rows);

    /// <summary>Flushes written rows to disk (before a snapshot that counts on them).</summary>
    public void Flush() => stream.Flush(flushToDisk: true);

    /// <summary>Unmaps and closes the file (a temporary one is deleted).</summary>
    public void Dispose()
    {
        lock (growLock)
        {
            if (disposed)
                return;
            disposed = true;
            foreach (var mapping in mappings)
                mapping.Dispose();
            mappings.Clear();
            segmentCount = 0;
            sharedMapping?.Dispose();
            sharedMapping = null;
            sharedRowCount = 0;
            stream.Dispose();
        }
    }

    private static string TemporaryPath() => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"arcvdb-exact-{Guid.NewGuid():N}.f32");

    /// <summary>Bytes before the first row for a dimension: the fixed header and the largest parameters, to whole pages.</summary>
    private static long HeaderBytesFor(int dimension) => AlignUp(FixedHeaderBytes + MaxParameterBytes(dimension), Page);

    /// <summary>Most bytes an encoder's parameters take for a dimension (an int8 quantiser's ranges are the largest).</summary>
    private static int MaxParameterBytes(int dimension) => 12 + dimension * 2 * sizeof(float);

    private static ExactVectorFile Initialize(FileStream stream, VectorQuantization kind, Metric metric, int dimension)
    {
        var file = new ExactVectorFile(stream, kind, metric, dimension);
        try
        {
            if (stream.Length == 0)
                file.WriteHeader();
            else
                file.ReadHeader();
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private void WriteHeader()
    {
        var header = new byte[FixedHeaderBytes + Parameters.Length];
        "AFVEXACT"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), (int)Kind);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), (int)Metric);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), Dimension);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), Parameters.Length);
        Parameters.CopyTo(header.AsSpan(FixedHeaderBytes));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), HeaderChecksum(header));
        RandomAccess.Write(stream.SafeFileHandle, header, 0);
    }

    private void ReadHeader()
    {
        var header = new byte[Math.Min(stream.Length, HeaderBytes)];
        RandomAccess.Read(stream.SafeFileHandle, header, 0);
        if (header.Length < FixedHeaderBytes || !header.AsSpan(0, 8).SequenceEqual("AFVEXACT"u8))
            throw new InvalidDataException($"{Path} is not an exact-vector file of a quantised index.");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
        if (version != FormatVersion)
            throw new InvalidDataException($"{Path} has exact-vector format version {version}; this build reads {FormatVersion}.");
        var kind = (VectorQuantization)BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        var metric = (Metric)BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16));
        int dimension = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20));
        if (kind != Kind || metric != Metric || dimension != Dimension)
            throw new InvalidDataException($"{Path} holds the exact vectors of a {kind.Name()}-quantised {metric} index of {dimension}-d vectors, not of a {Kind.Name()}-quantised {Metric} index of {Dimension}-d vectors.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(24));
        if (length < 0 || length > MaxParameterBytes(Dimension) || FixedHeaderBytes + length > header.Length)
            throw new InvalidDataException($"{Path} has a damaged header (parameters of {length} bytes).");
        var used = header.AsSpan(0, FixedHeaderBytes + length).ToArray();
        if (BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(28)) != HeaderChecksum(used))
            throw new InvalidDataException($"{Path} has a damaged header (checksum mismatch).");
        Parameters = used[FixedHeaderBytes..];
    }

    private static uint HeaderChecksum(byte[] header)
    {
        uint crc = Crc32C.Append(Crc32C.Seed, header.AsSpan(0, 28));
        return Crc32C.Finish(Crc32C.Append(crc, header.AsSpan(32)));
    }

    /// <summary>Maps the first <paramref name="rows"/> rows of another process's file read-only (the stream then belongs to the mapping).</summary>
    private void MapShared(FileStream shared, int rows)
    {
        if (rows == 0)
        {
            shared.Dispose();
            return;
        }
        if (shared.Length < RowOffset(rows))
            throw new InvalidDataException($"{shared.Name} is too short for {rows} rows of {Dimension} floats.");
        sharedMapping = new ReadMapping(shared, 0, RowOffset(rows), leaveOpen: false);
        sharedRows = sharedMapping.Start;
        sharedRowCount = rows;
    }

    private void MapNextSegment()
    {
        long start = RowOffset(checked((int)FirstRow(segmentCount)));
        long length = (long)rowBytes << (FirstSegmentShift + segmentCount);
        if (stream.Length < start + length)
            stream.SetLength(start + length);
        var mapping = new ReadMapping(stream, start, length, leaveOpen: true);
        mappings.Add(mapping);
        if (segmentCount == segments.Length)
        {
            var grown = new nint[segments.Length * 2];
            segments.AsSpan().CopyTo(grown);
            grown[segmentCount] = (nint)mapping.Start;
            Volatile.Write(ref segments, grown);
        }
        else
        {
            segments[segmentCount] = (nint)mapping.Start;
        }
        Volatile.Write(ref segmentCount, segmentCount + 1);
    }

    private long RowOffset(int node) => HeaderBytes + (long)node * rowBytes;

    /// <summary>The segment of a row: segment s holds rows 2^6·(2^s − 1) up to 2^6·(2^(s+1) − 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Segment(int node) => System.Numerics.BitOperations.Log2(((uint)node >> FirstSegmentShift) + 1);

    /// <summary>The first row of segment <paramref name="segment"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long FirstRow(int segment) => ((1L << segment) - 1) << FirstSegmentShift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float* SegmentRow(int node)
    {
        int segment = Segment(node);
        nint start = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Volatile.Read(ref segments)), segment);
        return (float*)(start + (nint)((node - FirstRow(segment)) * rowBytes));
    }

    private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;

    /// <summary>A read-only view of a region of a file, with its start pinned until it is disposed.</summary>
    private sealed class ReadMapping : IDisposable
    {
        private readonly MemoryMappedFile file;
        private readonly MemoryMappedViewAccessor view;

        /// <summary>Maps <paramref name="length"/> bytes of the stream's file from <paramref name="offset"/>; the stream is closed with the mapping unless <paramref name="leaveOpen"/>.</summary>
        public ReadMapping(FileStream stream, long offset, long length, bool leaveOpen)
        {
            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen);
            view = file.CreateViewAccessor(offset, length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            Start = pointer + view.PointerOffset;
        }

        /// <summary>The first mapped byte.</summary>
        public byte* Start { get; }

        /// <summary>Unpins and unmaps the view.</summary>
        public void Dispose()
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
            file.Dispose();
        }
    }
}
