using ArcFace.VectorDb.Storage.CrashWriter;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Crash;

/// <summary>kill -9 of a process appending durably: what it acknowledged survives byte for byte, nothing is corrupt, and it resumes.</summary>
public class LogCrashTests
{
    [Fact]
    public async Task Killing_a_durable_writer_five_times_loses_no_acknowledged_record_and_resume_reaches_the_exact_total()
    {
        using var dir = new TempDirectory();
        var random = new Random(2026);
        int acknowledged = 0;
        for (int round = 0; round < 5; round++)
        {
            var lines = await CrashWriterProcess.RunAndKillAsync(dir.Path, killAfter: acknowledged + random.Next(20, 300), random);
            acknowledged = lines.Select(int.Parse).Max() + 1;
            int present = await AssertIntactPrefixAsync(dir.Path);
            Assert.True(present >= acknowledged, $"round {round}: {acknowledged} records were acknowledged but only {present} survived");
        }

        int total = acknowledged + 150;
        var last = await CrashWriterProcess.RunToEndAsync(dir.Path, total);

        Assert.Equal("done", last[^1]);
        Assert.Equal(total, await AssertIntactPrefixAsync(dir.Path));
    }

    /// <summary>Checks that the log holds records 0..n−1 of the writer exactly, none damaged, and returns n.</summary>
    private static async Task<int> AssertIntactPrefixAsync(string directory)
    {
        await using var log = VectorLog.Open(directory);
        int count = 0;
        var damaged = log.Scan(0, (_, record) =>
        {
            var expected = CrashRecords.Record(count);
            Assert.Equal(expected.Id, record.Id);
            Assert.Equal(expected.Label, record.Label);
            Assert.Equal(expected.Source, record.Source);
            Assert.Equal(expected.Attributes, record.ReadAttributes());
            Assert.True(record.Vector.SequenceEqual(expected.Vector.Span), $"record {count}: vector differs");
            count++;
        });
        Assert.Empty(damaged);
        return count;
    }
}
