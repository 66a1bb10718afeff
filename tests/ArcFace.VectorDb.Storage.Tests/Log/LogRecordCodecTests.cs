using System.Buffers.Binary;
using ArcFace.VectorDb.Core.Hashing;
using ArcFace.VectorDb.Storage.Log;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ArcFace.VectorDb.Storage.Tests.Log;

public class LogRecordCodecTests
{
    private static readonly LogRecord Sample = LogRecord.Upsert(
        42, new float[] { 0.5f, -0.25f, 1f }, "Ada Lovelace", "gallery/ada/001.jpg", [new("camera", "Nikon"), new("é", "ü")]);

    [Property(MaxTest = 300)]
    public Property Any_record_round_trips_and_takes_exactly_its_encoded_length() =>
        Prop.ForAll(LogRecordGen.Records, record =>
        {
            var buffer = new byte[LogRecordEncoder.EncodedLength(record) + 7];
            int written = LogRecordEncoder.Encode(record, buffer);
            var decoded = LogRecordView.Parse(buffer.AsSpan(0, written)).ToRecord();
            return written == LogRecordEncoder.EncodedLength(record)
                && decoded.Operation == record.Operation && decoded.Id == record.Id
                && decoded.Label == record.Label && decoded.Source == record.Source
                && decoded.Attributes.SequenceEqual(record.Attributes)
                && decoded.Vector.Span.SequenceEqual(record.Vector.Span);
        });

    [Fact]
    public void Every_single_bit_flip_is_rejected()
    {
        var bytes = Encode(Sample);
        for (int bit = 0; bit < bytes.Length * 8; bit++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<LogRecordException>(() => LogRecordView.Parse(damaged));
        }
    }

    [Fact]
    public void Every_truncation_and_a_trailing_byte_are_rejected()
    {
        var bytes = Encode(Sample);
        for (int length = 0; length < bytes.Length; length++)
            Assert.Throws<LogRecordException>(() => LogRecordView.Parse(bytes.AsSpan(0, length)));
        Assert.Throws<LogRecordException>(() => LogRecordView.Parse([.. bytes, 0]));
    }

    [Fact]
    public void A_record_from_a_newer_format_version_says_so_even_with_a_valid_checksum()
    {
        var bytes = Encode(Sample);
        bytes[0] = 2;
        Reseal(bytes);

        var error = Assert.Throws<LogRecordException>(() => LogRecordView.Parse(bytes));
        Assert.Contains("newer format version (2", error.Message);
    }

    [Fact]
    public void An_unknown_operation_or_lengths_that_do_not_add_up_are_rejected_with_a_valid_checksum()
    {
        var unknownOp = Encode(Sample);
        unknownOp[1] = 9;
        Reseal(unknownOp);
        var badText = Encode(Sample);
        BinaryPrimitives.WriteUInt16LittleEndian(badText.AsSpan(16), 200);
        Reseal(badText);

        Assert.Contains("unknown operation 9", Assert.Throws<LogRecordException>(() => LogRecordView.Parse(unknownOp)).Message);
        Assert.Throws<LogRecordException>(() => LogRecordView.Parse(badText));
    }

    [Fact]
    public void A_checksum_mismatch_is_named_as_such()
    {
        var bytes = Encode(Sample);
        bytes[30] ^= 0x10;

        Assert.Contains("checksum mismatch", Assert.Throws<LogRecordException>(() => LogRecordView.Parse(bytes)).Message);
    }

    [Fact]
    public void Fields_too_long_for_the_format_are_refused_naming_the_id()
    {
        var longLabel = LogRecord.Upsert(7, new float[4], label: new string('x', 70_000));
        var hugeVector = LogRecord.Upsert(8, new float[70_000]);

        Assert.Contains("Record 7: the label is 70000 bytes", Assert.Throws<ArgumentException>(() => LogRecordEncoder.EncodedLength(longLabel)).Message);
        Assert.Contains("Record 8: a 70000-d vector", Assert.Throws<ArgumentException>(() => LogRecordEncoder.EncodedLength(hugeVector)).Message);
    }

    [Fact]
    public void Reading_id_and_vector_in_place_allocates_nothing()
    {
        var bytes = Encode(Sample);
        float sum = 0;
        ReadInPlace(bytes, ref sum);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
            ReadInPlace(bytes, ref sum);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sum);
    }

    private static void ReadInPlace(byte[] bytes, ref float sum)
    {
        var view = LogRecordView.Parse(bytes);
        sum += view.Id + view.Vector[^1] + view.Dimension;
    }

    private static byte[] Encode(LogRecord record)
    {
        var bytes = new byte[LogRecordEncoder.EncodedLength(record)];
        LogRecordEncoder.Encode(record, bytes);
        return bytes;
    }

    private static void Reseal(byte[] bytes) =>
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)));
}
