using System.Text;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Log;

public class VectorLogTests
{
    private static readonly VectorLogOptions NoAutoCommit = new() { CommitInterval = TimeSpan.FromHours(1), SegmentSizeBits = 24 };

    private static LogRecord Record(int i) =>
        LogRecord.Upsert((ulong)i, Enumerable.Range(0, 8).Select(j => i + j / 10f).ToArray(), $"person-{i % 7}", $"gallery/{i}.jpg", [new("i", $"{i}")]);

    private static List<LogRecord> ReadAll(VectorLog log, out IReadOnlyList<DamagedRecord> damaged)
    {
        var records = new List<LogRecord>();
        damaged = log.Scan(0, (_, record) => records.Add(record.ToRecord()));
        return records;
    }

    private static void AssertSame(LogRecord expected, LogRecord actual)
    {
        Assert.Equal((expected.Operation, expected.Id, expected.Label, expected.Source), (actual.Operation, actual.Id, actual.Label, actual.Source));
        Assert.Equal(expected.Attributes, actual.Attributes);
        Assert.Equal(expected.Vector.ToArray(), actual.Vector.ToArray());
    }

    [Fact]
    public async Task Committed_records_come_back_in_order_after_reopening()
    {
        using var dir = new TempDirectory();
        await using (var log = VectorLog.Open(dir.Path, NoAutoCommit))
        {
            for (int i = 0; i < 1000; i++)
                log.Append(Record(i));
            log.Append(LogRecord.Delete(3));
            await log.CommitAsync();
        }

        await using var reopened = VectorLog.Open(dir.Path, NoAutoCommit);
        var records = ReadAll(reopened, out var damaged);

        Assert.Empty(damaged);
        Assert.Equal(1001, records.Count);
        for (int i = 0; i < 1000; i++)
            AssertSame(Record(i), records[i]);
        Assert.Equal((LogOperation.Delete, 3UL), (records[1000].Operation, records[1000].Id));
    }

    [Fact]
    public async Task A_durable_append_and_a_wait_for_commit_complete_only_once_the_records_are_committed()
    {
        using var dir = new TempDirectory();
        await using var log = VectorLog.Open(dir.Path, new VectorLogOptions { CommitInterval = TimeSpan.FromMilliseconds(2), SegmentSizeBits = 24 });

        long address = await log.AppendDurableAsync(Record(1));
        log.Append(Record(2));
        log.Append(Record(3));
        long until = log.Tail;
        await log.WaitForCommitAsync(until);

        Assert.True(log.CommittedUntil > address);
        Assert.True(log.CommittedUntil >= until);
        Assert.Equal(3, ReadAll(log, out _).Count);
    }

    [Fact]
    public async Task A_scan_sees_only_committed_records()
    {
        using var dir = new TempDirectory();
        await using var log = VectorLog.Open(dir.Path, NoAutoCommit);
        log.Append(Record(1));
        await log.CommitAsync();
        log.Append(Record(2));

        var records = ReadAll(log, out _);

        Assert.Equal([1UL], records.Select(r => r.Id));
        Assert.True(log.Tail > log.CommittedUntil);
    }

    [Fact]
    public async Task A_damaged_record_on_disk_is_reported_with_its_address_and_the_others_are_intact()
    {
        using var dir = new TempDirectory();
        await using (var log = VectorLog.Open(dir.Path, NoAutoCommit))
        {
            for (int i = 0; i < 20; i++)
                log.Append(Record(i));
            await log.CommitAsync();
        }
        string segment = Directory.GetFiles(dir.Path, "records.log*").Single();
        byte[] file = File.ReadAllBytes(segment);
        int at = file.AsSpan().IndexOf(Encoding.UTF8.GetBytes("gallery/13.jpg"));
        file[at + 3] ^= 0x20;
        File.WriteAllBytes(segment, file);

        await using var reopened = VectorLog.Open(dir.Path, NoAutoCommit);
        var records = ReadAll(reopened, out var damaged);

        Assert.Equal(Enumerable.Range(0, 20).Where(i => i != 13).Select(i => (ulong)i), records.Select(r => r.Id));
        var report = Assert.Single(damaged);
        Assert.Contains("checksum mismatch", report.Reason);
        Assert.True(report.Address > 0);
    }
}
