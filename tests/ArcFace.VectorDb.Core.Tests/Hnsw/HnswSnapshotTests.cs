using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Tests.Support;

namespace ArcFace.VectorDb.Core.Tests.Hnsw;

public class HnswSnapshotTests
{
    private const int Dim = 48;

    [Theory]
    [InlineData(Metric.InnerProduct, HnswLayout.Interleaved)]
    [InlineData(Metric.L2, HnswLayout.Separate)]
    public void Round_trip_gives_identical_results_counts_and_vectors(Metric metric, HnswLayout layout)
    {
        using var original = BuildWithHistory(metric, layout);
        var bytes = Save(original);

        using var loaded = HnswIndex.Load(new MemoryStream(bytes));

        Assert.Equal(original.Count, loaded.Count);
        Assert.Equal(original.NodeCount, loaded.NodeCount);
        Assert.Equal(original.TombstoneCount, loaded.TombstoneCount);
        Assert.Equal(original.TopLevel, loaded.TopLevel);
        Assert.Equal(original.Options, loaded.Options);
        foreach (var query in Rows.Split(ClusteredVectors.Generate(100, Dim, clusters: 40, seed: 21), Dim))
            Assert.Equal(original.Search(query, 10, ef: 50), loaded.Search(query, 10, ef: 50));
        var a = new float[Dim];
        var b = new float[Dim];
        for (ulong id = 1; id < 4000; id += 37)
        {
            Assert.Equal(original.TryGetVector(id, a), loaded.TryGetVector(id, b));
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void A_loaded_index_keeps_accepting_inserts_and_deletes()
    {
        using var original = BuildWithHistory(Metric.InnerProduct, HnswLayout.Interleaved);
        using var loaded = HnswIndex.Load(new MemoryStream(Save(original)));
        var fresh = ClusteredVectors.Generate(500, Dim, clusters: 40, seed: 22);

        loaded.UpsertRange(fresh, firstId: 10_000);
        Assert.True(loaded.Delete(10_000));

        Assert.Equal(original.Count + 499, loaded.Count);
        var probe = fresh.AsSpan(7 * Dim, Dim).ToArray();
        Assert.Equal(10_007UL, loaded.Search(probe, 1, ef: 64)[0].Id);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Inserts_after_a_load_build_the_same_graph_as_inserts_into_the_original(bool linkStranded)
    {
        using var original = BuildWithHistory(Metric.InnerProduct, HnswLayout.Interleaved, linkStranded);
        using var loaded = HnswIndex.Load(new MemoryStream(Save(original)));
        var fresh = ClusteredVectors.Generate(1500, Dim, clusters: 40, seed: 24);

        original.UpsertRange(fresh, firstId: 20_000, maxThreads: 1);
        loaded.UpsertRange(fresh, firstId: 20_000, maxThreads: 1);

        Assert.Equal(linkStranded, loaded.Options.LinkStrandedNodes);
        var (before, after) = (original.Statistics(), loaded.Statistics());
        Assert.Equal(before.MeanDegreePerLevel, after.MeanDegreePerLevel);
        Assert.Equal(before.Level0DegreeHistogram, after.Level0DegreeHistogram);
        foreach (var query in Rows.Split(ClusteredVectors.Generate(100, Dim, clusters: 40, seed: 25), Dim))
            Assert.Equal(original.Search(query, 10, ef: 50), loaded.Search(query, 10, ef: 50));
    }

    [Fact]
    public void A_version_1_snapshot_loads_as_an_index_that_does_not_link_stranded_nodes_and_one_with_flags_is_refused()
    {
        using var original = BuildWithHistory(Metric.InnerProduct, HnswLayout.Interleaved, linkStranded: false);
        var version1 = AsVersion(Save(original), 1);

        using var loaded = HnswIndex.Load(new MemoryStream(version1));

        Assert.False(loaded.Options.LinkStrandedNodes);
        foreach (var query in Rows.Split(ClusteredVectors.Generate(50, Dim, clusters: 40, seed: 26), Dim))
            Assert.Equal(original.Search(query, 10, ef: 50), loaded.Search(query, 10, ef: 50));
        var flagged = (byte[])version1.Clone();
        flagged[76] = 1;
        Assert.Contains("unknown option flags 0x1 for format version 1", Assert.Throws<SnapshotFormatException>(() => HnswIndex.Load(new MemoryStream(Resealed(flagged)))).Message);
    }

    [Fact]
    public void SaveToFile_replaces_the_file_atomically_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("arcvdb-snapshot-");
        try
        {
            string path = Path.Combine(dir.FullName, "index.hnsw");
            using var index = BuildWithHistory(Metric.InnerProduct, HnswLayout.Interleaved);
            index.SaveToFile(path);
            index.Delete(3);
            index.SaveToFile(path);

            using var loaded = HnswIndex.LoadFromFile(path);
            Assert.Equal(index.Count, loaded.Count);
            Assert.Equal(["index.hnsw"], dir.GetFiles().Select(f => f.Name));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_truncated_snapshot_is_rejected_with_a_message_that_says_so()
    {
        using var index = BuildWithHistory(Metric.InnerProduct, HnswLayout.Interleaved);
        var bytes = Save(index);
        foreach (int length in new[] { 0, 7, 127, 128, 129, 5000, bytes.Length / 2, bytes.Length - 17, bytes.Length - 1 })
        {
            var error = Assert.Throws<SnapshotFormatException>(() => HnswIndex.Load(new MemoryStream(bytes[..length]), "cut.hnsw"));
            Assert.Contains("cut.hnsw", error.Message);
            Assert.Contains("truncated", error.Message);
        }
    }

    [Fact]
    public void A_truncated_snapshot_read_from_a_non_seekable_stream_is_rejected_too()
    {
        using var index = BuildWithHistory(Metric.InnerProduct, HnswLayout.Interleaved);
        var bytes = Save(index);
        var error = Assert.Throws<SnapshotFormatException>(() => HnswIndex.Load(new ForwardOnlyStream(bytes[..(bytes.Length / 3)])));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_flipped_bit_anywhere_in_the_body_is_caught_by_the_checksum()
    {
        using var index = BuildWithHistory(Metric.InnerProduct, HnswLayout.Interleaved);
        var bytes = Save(index);
        var random = new Random(5);
        for (int trial = 0; trial < 25; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            int at = random.Next(SnapshotHeaderSize, bytes.Length - 8);
            damaged[at] ^= (byte)(1 << random.Next(8));
            var error = Assert.Throws<SnapshotFormatException>(() => HnswIndex.Load(new MemoryStream(damaged), "flipped.hnsw"));
            Assert.Contains("flipped.hnsw", error.Message);
            Assert.Matches("corrupt|checksum|end marker", error.Message);
        }
    }

    [Fact]
    public void Damaged_headers_and_foreign_files_are_rejected_before_anything_is_allocated()
    {
        using var index = BuildWithHistory(Metric.InnerProduct, HnswLayout.Interleaved);
        var bytes = Save(index);

        var foreign = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("not a snapshot at all. ", 20)));
        Assert.Contains("not an ArcFace.VectorDb index snapshot", Assert.Throws<SnapshotFormatException>(() => HnswIndex.Load(new MemoryStream(foreign))).Message);

        var newer = (byte[])bytes.Clone();
        newer[8] = 99;
        Assert.Contains("version 99", Assert.Throws<SnapshotFormatException>(() => HnswIndex.Load(new MemoryStream(newer))).Message);

        var unknownFlag = (byte[])bytes.Clone();
        unknownFlag[76] |= 0x80;
        Assert.Contains("unknown option flags", Assert.Throws<SnapshotFormatException>(() => HnswIndex.Load(new MemoryStream(unknownFlag))).Message);

        var hugeCount = (byte[])bytes.Clone();
        BitConverter.GetBytes(int.MaxValue - 1).CopyTo(hugeCount, 48);
        Assert.Throws<SnapshotFormatException>(() => HnswIndex.Load(new MemoryStream(hugeCount)));
    }

    private const int SnapshotHeaderSize = 128;

    private static HnswIndex BuildWithHistory(Metric metric, HnswLayout layout, bool linkStranded = true)
    {
        var index = new HnswIndex(Dim, new HnswOptions { Metric = metric, Layout = layout, M = 12, EfConstruction = 60, Seed = 9, LinkStrandedNodes = linkStranded });
        // Four threads whatever the machine, so every snapshot test round-trips a graph built under contention.
        index.UpsertRange(ClusteredVectors.Generate(4000, Dim, clusters: 40, seed: 20), firstId: 1, maxThreads: 4);
        for (ulong id = 1; id < 4000; id += 5)
            index.Delete(id);
        index.UpsertRange(ClusteredVectors.Generate(300, Dim, clusters: 40, seed: 23), firstId: 2, maxThreads: 4);
        return index;
    }

    /// <summary>The snapshot relabelled with another format version, its checksum written again.</summary>
    private static byte[] AsVersion(byte[] snapshot, uint version)
    {
        var bytes = (byte[])snapshot.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), version);
        return Resealed(bytes);
    }

    /// <summary>The snapshot with its checksum (the first trailer word, over header and body) computed again.</summary>
    private static byte[] Resealed(byte[] bytes)
    {
        const int trailer = 16;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - trailer), Hashing.Crc32C.Compute(bytes.AsSpan(0, bytes.Length - trailer)));
        return bytes;
    }

    private static byte[] Save(HnswIndex index)
    {
        var stream = new MemoryStream();
        index.Save(stream);
        return stream.ToArray();
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
