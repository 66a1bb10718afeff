using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.CrashWriter;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Crash;

/// <summary>kill -9 while a quantised collection is written and snapshotted: it reopens with every acknowledged record and the same answers.</summary>
public class QuantizedCrashTests
{
    [Theory]
    [InlineData("int8")]
    [InlineData("binary")]
    public async Task A_quantised_collection_killed_mid_write_three_times_reopens_with_every_acknowledged_record_and_the_same_answers(string kind)
    {
        using var dir = new TempDirectory();
        string collection = dir.File("quantized");
        var random = new Random(kind.Length);
        const int total = 3000;
        for (int round = 0; round < 3; round++)
        {
            int killAt = random.Next(5, 15) * 100 * (round + 1);
            var lines = await CrashWriterProcess.RunAndKillAsync(["quantized", collection, $"{total}", kind], line => line == "done" || int.Parse(line) >= killAt, random);
            int acknowledged = lines.Where(line => line != "done").Select(int.Parse).DefaultIfEmpty(0).Max();

            var first = Answers(collection, acknowledged, out var quantization);
            var second = Answers(collection, acknowledged, out _);

            Assert.Equal(Enum.Parse<VectorQuantization>(kind, ignoreCase: true), quantization);
            Assert.Equal(first, second);
        }
    }

    /// <summary>Reopens the collection, checks the acknowledged records and returns the hits of a few probes (id and exact score).</summary>
    private static List<(ulong Id, float Score)> Answers(string collection, int acknowledged, out VectorQuantization quantization)
    {
        var answers = new List<(ulong, float)>();
        var reopened = VectorCollection.Open(collection);
        try
        {
            quantization = reopened.Settings.Quantization;
            Assert.True(reopened.Count >= acknowledged, $"{reopened.Count} records after reopening, {acknowledged} were acknowledged");
            Assert.Empty(reopened.Recovery.Damaged);
            Assert.DoesNotContain(reopened.Recovery.Warnings, w => w.Contains("unusable") || w.Contains("ignored"));
            for (int i = 0; i < acknowledged; i += 97)
            {
                var record = CrashRecords.Record(i);
                Assert.Equal(record.Vector.ToArray(), reopened.Get(record.Id)!.Vector);
                var hits = reopened.Search(record.Vector.Span, 5, 200);
                Assert.Equal(record.Id, hits[0].Id);
                Assert.Equal(0f, hits[0].Score);
                answers.AddRange(hits.Select(hit => (hit.Id, hit.Score)));
            }
        }
        finally
        {
            reopened.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return answers;
    }
}
