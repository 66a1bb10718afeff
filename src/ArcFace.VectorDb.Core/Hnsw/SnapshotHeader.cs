using System.Buffers.Binary;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Quantization;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// The fixed-size header of an index snapshot: format identity, construction parameters, graph shape, and the size
/// of the encoder parameters that follow it (a quantised index's learned ranges or thresholds).
/// </summary>
internal readonly record struct SnapshotHeader(
    HnswOptions Options,
    int Dimension,
    int NodeCount,
    int EntryNode,
    int EntryLevel,
    int NodeChunkShift,
    long ArenaInts,
    int ArenaChunkShift,
    int ParameterBytes = 0)
{
    /// <summary>Bytes of the header on disk.</summary>
    public const int Size = 128;

    /// <summary>Bytes after the body: CRC-32C, reserved word, end marker.</summary>
    public const int TrailerSize = 16;

    /// <summary>Bit of the flags word set when the index links stranded nodes; its per-node link state is then stored too.</summary>
    private const int LinkStrandedNodesFlag = 1;

    /// <summary>
    /// Version written by this code. Version 1 had no option flags (the word was reserved, zero): it reads as an index
    /// that does not link stranded nodes, whose layout is the same in version 2. Version 3 adds the quantisation and
    /// the encoder parameters after the header; versions 1 and 2 read as unquantised.
    /// </summary>
    public const uint FormatVersion = 3;

    /// <summary>Largest encoder parameter block accepted (an int8 quantiser's ranges for 65,536 dimensions).</summary>
    private const int MaxParameterBytes = 12 + 65536 * 2 * sizeof(float);

    /// <summary>First eight bytes of every snapshot.</summary>
    public static ReadOnlySpan<byte> Magic => "AFVHNSW\0"u8;

    /// <summary>Last eight bytes of every snapshot.</summary>
    public static ReadOnlySpan<byte> EndMagic => "AFVHEND\0"u8;

    /// <summary>Serialises the header.</summary>
    public void Write(Span<byte> buffer)
    {
        buffer[..Size].Clear();
        Magic.CopyTo(buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[8..], FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[12..], Size);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[16..], (int)Options.Metric);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[20..], (int)Options.Layout);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[24..], Dimension);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[28..], Options.M);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[32..], Options.EfConstruction);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[40..], Options.Seed);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[48..], NodeCount);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[52..], EntryNode);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[56..], EntryLevel);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[60..], NodeChunkShift);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[64..], ArenaInts);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[72..], ArenaChunkShift);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[76..], Options.LinkStrandedNodes ? LinkStrandedNodesFlag : 0);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[80..], (int)Options.Quantization);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[84..], ParameterBytes);
    }

    /// <summary>Parses and sanity-checks a header; <paramref name="source"/> names the file in error messages.</summary>
    public static SnapshotHeader Read(ReadOnlySpan<byte> buffer, string source)
    {
        if (!buffer[..8].SequenceEqual(Magic))
            throw new SnapshotFormatException($"{source} is not an ArcFace.VectorDb index snapshot (bad magic number).");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(buffer[8..]);
        if (version is < 1 or > FormatVersion)
            throw new SnapshotFormatException($"{source} has snapshot format version {version}; this build reads versions 1 to {FormatVersion}.");
        if (BinaryPrimitives.ReadUInt32LittleEndian(buffer[12..]) != Size)
            throw new SnapshotFormatException($"{source} has a header of unexpected size.");
        int flags = BinaryPrimitives.ReadInt32LittleEndian(buffer[76..]);
        if ((flags & ~LinkStrandedNodesFlag) != 0 || (version == 1 && flags != 0))
            throw new SnapshotFormatException($"{source} has unknown option flags 0x{flags:x} for format version {version}.");
        var options = new HnswOptions
        {
            Metric = (Metric)BinaryPrimitives.ReadInt32LittleEndian(buffer[16..]),
            Layout = (HnswLayout)BinaryPrimitives.ReadInt32LittleEndian(buffer[20..]),
            M = BinaryPrimitives.ReadInt32LittleEndian(buffer[28..]),
            EfConstruction = BinaryPrimitives.ReadInt32LittleEndian(buffer[32..]),
            Seed = BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]),
            LinkStrandedNodes = (flags & LinkStrandedNodesFlag) != 0,
            Quantization = version >= 3 ? (VectorQuantization)BinaryPrimitives.ReadInt32LittleEndian(buffer[80..]) : VectorQuantization.None,
        };
        int parameterBytes = version >= 3 ? BinaryPrimitives.ReadInt32LittleEndian(buffer[84..]) : 0;
        var header = new SnapshotHeader(
            options,
            Dimension: BinaryPrimitives.ReadInt32LittleEndian(buffer[24..]),
            NodeCount: BinaryPrimitives.ReadInt32LittleEndian(buffer[48..]),
            EntryNode: BinaryPrimitives.ReadInt32LittleEndian(buffer[52..]),
            EntryLevel: BinaryPrimitives.ReadInt32LittleEndian(buffer[56..]),
            NodeChunkShift: BinaryPrimitives.ReadInt32LittleEndian(buffer[60..]),
            ArenaInts: BinaryPrimitives.ReadInt64LittleEndian(buffer[64..]),
            ArenaChunkShift: BinaryPrimitives.ReadInt32LittleEndian(buffer[72..]),
            ParameterBytes: parameterBytes);
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new SnapshotFormatException($"{source} has an invalid header: {e.Message}");
        }
        if (header.Dimension is < 1 or > 65536 || header.NodeCount < 0 || header.ArenaInts is < 0 or > int.MaxValue
            || header.EntryLevel is < -1 or > HnswIndex.MaxLevel || header.EntryNode < -1 || header.EntryNode >= Math.Max(header.NodeCount, 1)
            || (header.NodeCount == 0) != (header.EntryNode == -1) || parameterBytes is < 0 or > MaxParameterBytes
            || (options.Quantization == VectorQuantization.None && parameterBytes != 0))
            throw new SnapshotFormatException($"{source} has an invalid header (dimension {header.Dimension}, {header.NodeCount} nodes, entry {header.EntryNode} at level {header.EntryLevel}, {parameterBytes} bytes of encoder parameters).");
        return header;
    }
}
