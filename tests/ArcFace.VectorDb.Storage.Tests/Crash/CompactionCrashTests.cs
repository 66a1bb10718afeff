using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.CrashWriter;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Crash;

/// <summary>kill -9 during compaction: every reopen gives exactly the live records, from the old or the new generation.</summary>
public class CompactionCrashTests
{
    [Fact]
    public async Task Killing_a_process_in_the_middle_of_compactions_five_times_leaves_exactly_the_live_records()
    {
        using var dir = new TempDirectory();
        string collection = dir.File("crash");
        var random = new Random(11);
        const int records = 1500;
        var live = Enumerable.Range(0, records).Where(i => i % 3 != 0).ToList();
        for (int round = 0; round < 5; round++)
        {
            int compactionsBeforeKill = random.Next(0, 3), seen = 0;
            await CrashWriterProcess.RunAndKillAsync(["compact", collection, $"{records}"], line => line == "compact" && seen++ >= compactionsBeforeKill, random);

            await using var reopened = VectorCollection.Open(collection);
            Assert.Equal(live.Count, reopened.Count);
            Assert.Empty(reopened.Recovery.Damaged);
            Assert.Equal(live.Select(i => CrashRecords.Record(i).Id).Order(), reopened.Scan().Select(r => r.Id));
            foreach (int i in new[] { 1, 700, records - 1 })
                Assert.Equal(CrashRecords.Record(i).Vector.ToArray(), reopened.Get(CrashRecords.Record(i).Id)!.Vector);
            Assert.Null(reopened.Get(CrashRecords.Record(3).Id));
            Assert.Single(Directory.GetDirectories(collection, "gen-*"));
        }
    }
}
