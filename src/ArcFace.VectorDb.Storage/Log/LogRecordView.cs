using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using ArcFace.VectorDb.Core.Hashing;
using L = ArcFace.VectorDb.Storage.Log.LogRecordLayout;

namespace ArcFace.VectorDb.Storage.Log;

/// <summary>A validated log record read in place: fields are spans over the record's bytes; only strings allocate, and only when asked for.</summary>
public readonly ref struct LogRecordView
{
    private readonly ReadOnlySpan<byte> bytes;

    private LogRecordView(ReadOnlySpan<byte> bytes) => this.bytes = bytes;

    /// <summary>What the record does.</summary>
    public LogOperation Operation => (LogOperation)bytes[L.Operation];

    /// <summary>The id it applies to.</summary>
    public ulong Id => BinaryPrimitives.ReadUInt64LittleEndian(bytes[L.Id..]);

    /// <summary>The vector's components (empty for a delete).</summary>
    public ReadOnlySpan<float> Vector => MemoryMarshal.Cast<byte, float>(bytes.Slice(L.VectorOffset(TextLength), Dimension * sizeof(float)));

    /// <summary>Number of vector components.</summary>
    public int Dimension => BinaryPrimitives.ReadInt32LittleEndian(bytes[L.Dimension..]);

    /// <summary>The label (identity or class), decoded from UTF-8.</summary>
    public string Label => Encoding.UTF8.GetString(bytes.Slice(L.HeaderBytes, LabelLength));

    /// <summary>The source path or URI, decoded from UTF-8.</summary>
    public string Source => Encoding.UTF8.GetString(bytes.Slice(L.HeaderBytes + LabelLength, SourceLength));

    private int LabelLength => BinaryPrimitives.ReadUInt16LittleEndian(bytes[L.LabelLength..]);
    private int SourceLength => BinaryPrimitives.ReadUInt16LittleEndian(bytes[L.SourceLength..]);
    private int TextLength => BinaryPrimitives.ReadInt32LittleEndian(bytes[L.TextLength..]);
    private int AttributeCount => BinaryPrimitives.ReadUInt16LittleEndian(bytes[L.AttributeCount..]);

    /// <summary>The attributes, decoded.</summary>
    public KeyValuePair<string, string>[] ReadAttributes()
    {
        var attributes = new KeyValuePair<string, string>[AttributeCount];
        int at = L.HeaderBytes + LabelLength + SourceLength;
        for (int i = 0; i < attributes.Length; i++)
        {
            int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
            int valueLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 2)..]);
            at += 4;
            string key = Encoding.UTF8.GetString(bytes.Slice(at, keyLength));
            string value = Encoding.UTF8.GetString(bytes.Slice(at + keyLength, valueLength));
            attributes[i] = new(key, value);
            at += keyLength + valueLength;
        }
        return attributes;
    }

    /// <summary>A copy of the whole record.</summary>
    public LogRecord ToRecord() => new(Operation, Id, Label, Source, ReadAttributes(), Vector.ToArray());

    /// <summary>Validates the bytes of exactly one record (checksum first, then every length) and returns a view over them.</summary>
    public static LogRecordView Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < L.HeaderBytes + L.ChecksumBytes)
            throw new LogRecordException($"truncated: {bytes.Length} bytes is shorter than a record header and checksum ({L.HeaderBytes + L.ChecksumBytes}).");
        int body = bytes.Length - L.ChecksumBytes;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[body..]);
        uint actual = Crc32C.Compute(bytes[..body]);
        if (stored != actual)
            throw new LogRecordException($"checksum mismatch (stored 0x{stored:x8}, computed 0x{actual:x8}): the record is damaged or truncated.");
        var view = new LogRecordView(bytes);
        view.CheckStructure();
        return view;
    }

    private void CheckStructure()
    {
        byte version = bytes[L.Version];
        if (version > L.CurrentVersion)
            throw new LogRecordException($"written by a newer format version ({version}; this build reads up to {L.CurrentVersion}).");
        if (version == 0)
            throw new LogRecordException("format version 0 is not a version this project ever wrote.");
        if (Operation is not (LogOperation.Upsert or LogOperation.Delete))
            throw new LogRecordException($"unknown operation {(byte)Operation}.");
        long dimension = BinaryPrimitives.ReadUInt32LittleEndian(bytes[L.Dimension..]);
        long textLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[L.TextLength..]);
        if (dimension > L.MaxDimension || L.TotalLength(textLength, dimension) != bytes.Length)
            throw new LogRecordException($"lengths do not add up: text {textLength} bytes and {dimension} floats do not make {bytes.Length} bytes.");
        if (Operation == LogOperation.Delete && dimension != 0)
            throw new LogRecordException("a delete record carries a vector.");
        long attributesEnd = L.HeaderBytes + (long)LabelLength + SourceLength;
        for (int i = 0; i < AttributeCount; i++)
        {
            if (attributesEnd + 4 > L.HeaderBytes + textLength)
                throw new LogRecordException("attribute lengths run past the text.");
            int at = (int)attributesEnd;
            attributesEnd += 4 + BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]) + BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 2)..]);
        }
        if (attributesEnd != L.HeaderBytes + textLength)
            throw new LogRecordException($"the label, source and attributes take {attributesEnd - L.HeaderBytes} bytes but the record says {textLength}.");
    }
}
