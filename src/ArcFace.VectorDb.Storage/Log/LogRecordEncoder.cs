using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using ArcFace.VectorDb.Core.Hashing;
using L = ArcFace.VectorDb.Storage.Log.LogRecordLayout;

namespace ArcFace.VectorDb.Storage.Log;

/// <summary>Writes log records into caller-provided buffers (see <see cref="LogRecordLayout"/> for the bytes).</summary>
public static class LogRecordEncoder
{
    /// <summary>Bytes the record takes once encoded; throws when a field is too long for the format, naming the id.</summary>
    public static int EncodedLength(LogRecord record)
    {
        long textLength = TextLength(record);
        long total = L.TotalLength(textLength, record.Vector.Length);
        if (record.Vector.Length > L.MaxDimension || total > int.MaxValue)
            throw new ArgumentException($"Record {record.Id}: a {record.Vector.Length}-d vector is more than a log record holds ({L.MaxDimension}).", nameof(record));
        return (int)total;
    }

    /// <summary>Encodes the record into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int Encode(LogRecord record, Span<byte> destination)
    {
        int length = EncodedLength(record);
        if (destination.Length < length)
            throw new ArgumentException($"Record {record.Id} needs {length} bytes; the buffer has {destination.Length}.", nameof(destination));
        var output = destination[..length];
        output.Clear();
        int textLength = (int)TextLength(record);
        output[L.Version] = L.CurrentVersion;
        output[L.Operation] = (byte)record.Operation;
        BinaryPrimitives.WriteUInt16LittleEndian(output[L.AttributeCount..], (ushort)record.Attributes.Count);
        BinaryPrimitives.WriteInt32LittleEndian(output[L.Dimension..], record.Vector.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(output[L.Id..], record.Id);
        BinaryPrimitives.WriteUInt16LittleEndian(output[L.LabelLength..], (ushort)Encoding.UTF8.GetByteCount(record.Label));
        BinaryPrimitives.WriteUInt16LittleEndian(output[L.SourceLength..], (ushort)Encoding.UTF8.GetByteCount(record.Source));
        BinaryPrimitives.WriteInt32LittleEndian(output[L.TextLength..], textLength);

        var text = output[L.HeaderBytes..];
        int at = Encoding.UTF8.GetBytes(record.Label, text);
        at += Encoding.UTF8.GetBytes(record.Source, text[at..]);
        foreach (var (key, value) in record.Attributes)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(text[at..], (ushort)Encoding.UTF8.GetByteCount(key));
            BinaryPrimitives.WriteUInt16LittleEndian(text[(at + 2)..], (ushort)Encoding.UTF8.GetByteCount(value));
            at += 4;
            at += Encoding.UTF8.GetBytes(key, text[at..]);
            at += Encoding.UTF8.GetBytes(value, text[at..]);
        }

        int vectorOffset = L.VectorOffset(textLength);
        MemoryMarshal.AsBytes(record.Vector.Span).CopyTo(output[vectorOffset..]);
        int body = length - L.ChecksumBytes;
        BinaryPrimitives.WriteUInt32LittleEndian(output[body..], Crc32C.Compute(output[..body]));
        return length;
    }

    private static long TextLength(LogRecord record)
    {
        long length = Field(record.Id, "label", record.Label) + Field(record.Id, "source", record.Source);
        if (record.Attributes.Count > ushort.MaxValue)
            throw new ArgumentException($"Record {record.Id}: {record.Attributes.Count} attributes; a record holds at most {ushort.MaxValue}.", nameof(record));
        foreach (var (key, value) in record.Attributes)
            length += 4 + Field(record.Id, "attribute key", key) + Field(record.Id, $"attribute '{key}'", value);
        return length;
    }

    private static int Field(ulong id, string what, string text)
    {
        int bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > ushort.MaxValue)
            throw new ArgumentException($"Record {id}: the {what} is {bytes} bytes of UTF-8; a record holds at most {ushort.MaxValue}.", nameof(text));
        return bytes;
    }
}
