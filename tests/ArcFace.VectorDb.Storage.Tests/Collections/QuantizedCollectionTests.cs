using System.Security.Cryptography;
using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Collections;

/// <summary>Collections whose index holds int8 or 1-bit codes, with the exact vectors in each generation's re-rank file.</summary>
public class QuantizedCollectionTests
{
    private const int Dim = 64;
    private static readonly CollectionOptions ManualSnapshots = new() { SnapshotEveryRecords = 0, SnapshotOnClose = false };

    private static CollectionSettings Settings(VectorQuantization quantization, string name = "q") =>
        new() { Name = name, Dimension = Dim, Quantization = quantization };

    private static LogRecord Record(int id) =>
        LogRecord.Upsert((ulong)id, Enumerable.Range(0, Dim).Select(j => MathF.Sin(id * 0.37f + j * (1 + id % 7))).ToArray(), $"p{id % 4}", $"s/{id}");

    private static float[] Unit(ReadOnlySpan<float> vector)
    {
        var unit = vector.ToArray();
        float norm = MathF.Sqrt(unit.Sum(x => x * x));
        return [.. unit.Select(x => x / norm)];
    }

    /// <summary>The collection normalises in float64, the test in float32: equal to the last bits.</summary>
    private static void AssertClose(float[] expected, float[] actual) =>
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-6f));

    private static string RerankFile(string collection) =>
        Assert.Single(Directory.GetFiles(collection, "rerank.f32", SearchOption.AllDirectories));

    [Theory]
    [InlineData(VectorQuantization.Int8)]
    [InlineData(VectorQuantization.Binary)]
    public async Task Search_filters_gets_and_deletes_work_with_exact_scores_and_the_settings_survive_a_reopen(VectorQuantization quantization)
    {
        using var dir = new TempDirectory();
        await using (var collection = VectorCollection.Create(dir.File("q"), Settings(quantization), ManualSnapshots))
        {
            await collection.UpsertAsync(Enumerable.Range(0, 1500).Select(Record).ToList());
            await collection.DeleteAsync([7]);

            var query = Unit(Record(42).Vector.Span);
            var hits = collection.Search(query, 5, 100);
            Assert.Equal(42UL, hits[0].Id);
            Assert.Equal(1f, hits[0].Score, 5);
            foreach (var hit in hits)
                Assert.Equal(query.Zip(collection.Get(hit.Id)!.Vector).Sum(p => p.First * p.Second), hit.Score, 5);
            Assert.All(collection.Search(query, 5, 100, new SearchFilter(["p1"], [])), hit => Assert.Equal("p1", hit.Label));
            Assert.Null(collection.Get(7));
            Assert.True(collection.IndexSize.RerankBytes >= 1501L * Dim * sizeof(float));
            // The file grows by doubling segments: its length (what "on disk" counts) stays within twice what it holds.
            Assert.InRange(new FileInfo(RerankFile(dir.File("q"))).Length, collection.IndexSize.RerankBytes, 2 * collection.IndexSize.RerankBytes);
            await collection.SnapshotAsync();
        }

        await using var reopened = VectorCollection.Open(dir.File("q"), ManualSnapshots);

        Assert.Equal(quantization, reopened.Settings.Quantization);
        Assert.Equal(1499, reopened.Count);
        Assert.Equal(42UL, reopened.Search(Unit(Record(42).Vector.Span), 1, 100)[0].Id);
        AssertClose(Unit(Record(100).Vector.Span), reopened.Get(100)!.Vector);
    }

    [Fact]
    public async Task Compaction_rebuilds_the_re_rank_file_with_only_the_live_records()
    {
        using var dir = new TempDirectory();
        await using var collection = VectorCollection.Create(dir.File("q"), Settings(VectorQuantization.Int8), ManualSnapshots);
        await collection.UpsertAsync(Enumerable.Range(0, 1200).Select(Record).ToList());
        await collection.DeleteAsync(Enumerable.Range(0, 600).Select(i => (ulong)i).ToList());
        string before = RerankFile(dir.File("q"));
        long bytesBefore = collection.IndexSize.RerankBytes;

        await collection.CompactAsync();

        string after = RerankFile(dir.File("q"));
        Assert.NotEqual(before, after);
        Assert.False(File.Exists(before));
        Assert.Equal(600, collection.IndexSize.Nodes);
        Assert.True(collection.IndexSize.RerankBytes < bytesBefore - 599L * Dim * sizeof(float), $"{collection.IndexSize.RerankBytes} bytes after, {bytesBefore} before");
        Assert.Equal(900UL, collection.Search(Unit(Record(900).Vector.Span), 1, 64)[0].Id);
        AssertClose(Unit(Record(1100).Vector.Span), collection.Get(1100)!.Vector);
    }

    [Fact]
    public async Task A_snapshot_of_another_quantisation_is_refused_with_a_clear_warning_and_the_log_rebuilds_the_index()
    {
        using var dir = new TempDirectory();
        var records = Enumerable.Range(0, 800).Select(Record).ToList();
        await using (var binary = VectorCollection.Create(dir.File("b"), Settings(VectorQuantization.Binary, "b"), ManualSnapshots))
        {
            await binary.UpsertAsync(records);
            await binary.SnapshotAsync();
        }
        string int8Snapshot;
        await using (var int8 = VectorCollection.Create(dir.File("i"), Settings(VectorQuantization.Int8, "i"), ManualSnapshots))
        {
            await int8.UpsertAsync(records);
            int8Snapshot = await int8.SnapshotAsync();
        }
        var binarySnapshot = Assert.Single(Directory.GetFiles(dir.File("b"), "*.hnsw", SearchOption.AllDirectories));
        File.Copy(binarySnapshot, int8Snapshot, overwrite: true);

        await using var reopened = VectorCollection.Open(dir.File("i"), ManualSnapshots);

        Assert.Contains(reopened.Recovery.Warnings, w => w.Contains("binary quantisation, but the collection was created with int8; ignored"));
        Assert.Equal(800, reopened.Recovery.ReplayedIntoIndex);
        Assert.Equal(800, reopened.Count);
        Assert.Equal(5UL, reopened.Search(Unit(Record(5).Vector.Span), 1, 64)[0].Id);
    }

    [Fact]
    public async Task A_re_rank_file_with_a_damaged_header_is_rewritten_from_the_log_with_a_warning()
    {
        using var dir = new TempDirectory();
        await using (var collection = VectorCollection.Create(dir.File("q"), Settings(VectorQuantization.Int8), ManualSnapshots))
            await collection.UpsertAsync(Enumerable.Range(0, 500).Select(Record).ToList());
        string rerank = RerankFile(dir.File("q"));
        using (var file = new FileStream(rerank, FileMode.Open, FileAccess.Write))
            file.Write("NOTEXACT"u8);

        await using var reopened = VectorCollection.Open(dir.File("q"), ManualSnapshots);

        Assert.Contains(reopened.Recovery.Warnings, w => w.Contains("the re-rank file is unusable") && w.Contains("is not an exact-vector file"));
        Assert.Equal(500, reopened.Count);
        Assert.Equal(7UL, reopened.Search(Unit(Record(7).Vector.Span), 1, 64)[0].Id);
        AssertClose(Unit(Record(300).Vector.Span), reopened.Get(300)!.Vector);
    }

    [Fact]
    public async Task A_read_only_open_beside_the_owner_answers_the_same_and_leaves_the_re_rank_file_untouched()
    {
        using var dir = new TempDirectory();
        await using var owner = VectorCollection.Create(dir.File("q"), Settings(VectorQuantization.Int8), ManualSnapshots);
        await owner.UpsertAsync(Enumerable.Range(0, 1000).Select(Record).ToList());
        await owner.SnapshotAsync();
        await owner.UpsertAsync(Enumerable.Range(1000, 200).Select(Record).ToList());
        string rerank = RerankFile(dir.File("q"));
        byte[] hashBefore = SHA256.HashData(File.ReadAllBytes(rerank));

        await using (var reader = VectorCollection.Open(dir.File("q"), new CollectionOptions { ReadOnly = true }))
        {
            Assert.Equal(1200, reader.Count);
            foreach (int probe in new[] { 3, 999, 1100 })
            {
                var query = Unit(Record(probe).Vector.Span);
                Assert.Equal(owner.Search(query, 5, 100).Select(h => h.Id), reader.Search(query, 5, 100).Select(h => h.Id));
            }
        }

        Assert.Equal(hashBefore, SHA256.HashData(File.ReadAllBytes(rerank)));
        Assert.Equal(1200, owner.Count);
    }

    [Fact]
    public async Task A_manifest_written_before_quantisation_opens_as_unquantised()
    {
        using var dir = new TempDirectory();
        await using (var collection = VectorCollection.Create(dir.File("old"), new CollectionSettings { Name = "old", Dimension = Dim }, ManualSnapshots))
            await collection.UpsertAsync(Enumerable.Range(0, 50).Select(Record).ToList());
        string manifest = Path.Combine(dir.File("old"), CollectionManifest.FileName);
        var lines = File.ReadAllLines(manifest).Where(line => !line.Contains("\"quantization\"")).ToArray();
        File.WriteAllLines(manifest, lines);

        await using var reopened = VectorCollection.Open(dir.File("old"), ManualSnapshots);

        Assert.Equal(VectorQuantization.None, reopened.Settings.Quantization);
        Assert.Equal(0, reopened.IndexSize.RerankBytes);
        Assert.Empty(Directory.GetFiles(dir.File("old"), "rerank.f32", SearchOption.AllDirectories));
        Assert.Equal(50, reopened.Count);
    }
}
