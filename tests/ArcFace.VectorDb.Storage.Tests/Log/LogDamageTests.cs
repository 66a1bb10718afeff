using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Log;

/// <summary>Damage to the files of a log: each case gives clear reports, keeps every intact record and never throws out of open or scan.</summary>
public class LogDamageTests
{
    private static readonly VectorLogOptions Options = new() { CommitInterval = TimeSpan.FromHours(1), SegmentSizeBits = 24 };

    private static LogRecord Record(int i) => LogRecord.Upsert((ulong)i, Enumerable.Range(0, 32).Select(j => (float)(i + j)).ToArray(), $"l{i}");

    private static async Task<string> WriteAsync(TempDirectory dir, int count)
    {
        await using var log = VectorLog.Open(dir.Path, Options);
        for (int i = 0; i < count; i++)
            log.Append(Record(i));
        await log.CommitAsync();
        return Directory.GetFiles(dir.Path, "records.log*").Single();
    }

    [Theory]
    [InlineData(199)]
    [InlineData(150)]
    [InlineData(3)]
    public async Task A_log_cut_inside_a_record_keeps_every_record_before_it(int cutInside)
    {
        using var dir = new TempDirectory();
        string segment = await WriteAsync(dir, 200);
        byte[] bytes = File.ReadAllBytes(segment);
        int cut = bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes($"l{cutInside}\0")) + 2;
        using (var file = File.OpenWrite(segment))
            file.SetLength(cut);

        await using var log = VectorLog.Open(dir.Path, Options);
        var ids = new List<ulong>();
        var damaged = log.Scan(0, (_, record) => ids.Add(record.Id));

        Assert.Equal(Enumerable.Range(0, cutInside).Select(i => (ulong)i), ids);
        Assert.True(damaged.Count <= 1, string.Join("; ", damaged));
    }
}
