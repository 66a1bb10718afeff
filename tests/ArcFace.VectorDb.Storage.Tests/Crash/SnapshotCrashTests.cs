using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.CrashWriter;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Crash;

/// <summary>kill -9 while index snapshots are being written: every reopen gives the complete, consistent collection.</summary>
public class SnapshotCrashTests
{
    [Fact]
    public async Task Killing_a_process_in_the_middle_of_snapshots_five_times_leaves_a_complete_collection()
    {
        using var dir = new TempDirectory();
        string collection = dir.File("crash");
        var random = new Random(7);
        const int records = 3000;
        for (int round = 0; round < 5; round++)
        {
            int snapshotsBeforeKill = random.Next(0, 4), seen = 0;
            await CrashWriterProcess.RunAndKillAsync(["snapshot", collection, $"{records}"], line => line == "snapshot" && seen++ >= snapshotsBeforeKill, random);

            await using var reopened = VectorCollection.Open(collection);
            Assert.Equal(records, reopened.Count);
            Assert.Empty(reopened.Recovery.Damaged);
            Assert.DoesNotContain(reopened.Recovery.Warnings, w => w.Contains("unusable"));
            foreach (int i in new[] { 0, 1234, records - 1 })
                Assert.Equal(CrashRecords.Record(i).Vector.ToArray(), reopened.Get(CrashRecords.Record(i).Id)!.Vector);
            var probe = CrashRecords.Record(42);
            Assert.Equal(probe.Id, reopened.Search(probe.Vector.Span, 1, 50)[0].Id);
        }
        Assert.Empty(Directory.GetFiles(collection, "*.tmp", SearchOption.AllDirectories));
    }
}
