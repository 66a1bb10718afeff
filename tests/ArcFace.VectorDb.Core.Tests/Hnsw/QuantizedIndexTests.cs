using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Core.Tests.Distance;
using ArcFace.VectorDb.Core.Tests.Support;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Core.Tests.Hnsw;

/// <summary>Indexes built and searched on int8 or 1-bit codes, re-ranked with exact vectors from their file.</summary>
public sealed class QuantizedIndexTests(ITestOutputHelper output) : IDisposable
{
    private const int Dim = 128;
    private readonly string folder = Directory.CreateTempSubdirectory("arcvdb-quantized-").FullName;

    /// <summary>
    /// Queries are drawn like the rows (same clusters). Within a cluster of 100 the ten nearest differ from the rest
    /// only by noise, which 1-bit codes rank coarsely: the true top 10 are in the Hamming top 40 for 72% and in the
    /// top 100 for 99% (measured by brute force), so binary codes are re-ranked with an oversampling of 10 here.
    /// </summary>
    [Theory]
    [InlineData(VectorQuantization.Int8, Metric.InnerProduct, 128, null)]
    [InlineData(VectorQuantization.Int8, Metric.L2, 128, null)]
    [InlineData(VectorQuantization.Binary, Metric.InnerProduct, 512, 10f)]
    public void Recall_at_10_is_at_least_095_at_ef_128_on_5k_clustered_vectors(VectorQuantization quantization, Metric metric, int dimension, float? oversampling)
    {
        var generated = ClusteredVectors.Generate(5200, dimension, clusters: 50, seed: 5);
        var rows = generated[..(5000 * dimension)];
        var queries = generated[(5000 * dimension)..];
        using var index = new HnswIndex(dimension, new HnswOptions { Metric = metric, Quantization = quantization });

        index.UpsertRange(rows);

        var hits = new SearchHit[10];
        var found = Rows.Split(queries, dimension).Select(q => hits[..index.Search(q, 10, 128, hits, oversampling)].ToArray()).ToList();
        double recall = Recall.AtK(found, Rows.ExactTopK(rows, queries, dimension, metric, 10), 10);
        output.WriteLine($"{quantization} {metric} {dimension}-d: recall@10 = {recall:F4}");
        Assert.True(recall >= 0.95, $"recall@10 {recall:F4}");
    }

    [Theory]
    [InlineData(VectorQuantization.Int8, Metric.InnerProduct)]
    [InlineData(VectorQuantization.Binary, Metric.L2)]
    public void Re_ranked_scores_are_the_exact_float_scores(VectorQuantization quantization, Metric metric)
    {
        var rows = ClusteredVectors.Generate(2000, Dim, clusters: 20, seed: 7);
        using var index = new HnswIndex(Dim, new HnswOptions { Metric = metric, Quantization = quantization });
        index.UpsertRange(rows);

        foreach (var query in Rows.Split(ClusteredVectors.Generate(50, Dim, clusters: 20, seed: 8), Dim))
        {
            var hits = index.Search(query, 10, ef: 64);
            IndexAssert.SortedAndUnique(hits);
            foreach (var hit in hits)
            {
                var vector = rows.AsSpan((int)hit.Id * Dim, Dim);
                double exact = metric == Metric.InnerProduct ? Float64Reference.Dot(query, vector).Value : -Float64Reference.SquaredL2(query, vector).Value;
                Assert.Equal(exact, hit.Score, 1e-4);
            }
        }
    }

    [Theory]
    [InlineData(VectorQuantization.Int8)]
    [InlineData(VectorQuantization.Binary)]
    public void Snapshot_round_trip_with_its_exact_vector_file_gives_identical_answers(VectorQuantization quantization)
    {
        var location = new ExactVectorLocation(Path.Combine(folder, "exact.f32"));
        string snapshot = Path.Combine(folder, "index.hnsw");
        var rows = ClusteredVectors.Generate(3000, Dim, clusters: 30, seed: 9);
        using var original = new HnswIndex(Dim, new HnswOptions { Quantization = quantization }, location);
        original.UpsertRange(rows);
        for (ulong id = 0; id < 3000; id += 7)
            original.Delete(id);
        original.SaveToFile(snapshot);

        using var loaded = HnswIndex.LoadFromFile(snapshot, location with { ReadOnly = true });

        Assert.Equal(quantization, loaded.Quantization);
        Assert.Equal(original.Count, loaded.Count);
        Assert.Equal(original.TombstoneCount, loaded.TombstoneCount);
        foreach (var query in Rows.Split(ClusteredVectors.Generate(100, Dim, clusters: 30, seed: 10), Dim))
            Assert.Equal(original.Search(query, 10, ef: 50), loaded.Search(query, 10, ef: 50));
        var a = new float[Dim];
        var b = new float[Dim];
        Assert.True(loaded.TryGetVector(1, b));
        Assert.True(original.TryGetVector(1, a));
        Assert.Equal(a, b);
        Assert.Equal(rows.AsSpan(Dim, Dim).ToArray(), b);
    }

    [Fact]
    public void A_quantised_snapshot_without_its_exact_vector_file_is_refused_by_name()
    {
        string snapshot = Path.Combine(folder, "index.hnsw");
        using (var index = new HnswIndex(Dim, new HnswOptions { Quantization = VectorQuantization.Int8 }))
        {
            index.UpsertRange(ClusteredVectors.Generate(500, Dim, clusters: 5, seed: 11));
            index.SaveToFile(snapshot);
        }

        var error = Assert.Throws<SnapshotFormatException>(() => HnswIndex.LoadFromFile(snapshot));

        Assert.Contains("int8-quantised", error.Message);
        Assert.Contains("exact vectors", error.Message);
    }

    [Fact]
    public void Another_index_s_exact_vector_file_is_refused_with_a_clear_message()
    {
        var mine = new ExactVectorLocation(Path.Combine(folder, "mine.f32"));
        var theirs = new ExactVectorLocation(Path.Combine(folder, "theirs.f32"));
        string snapshot = Path.Combine(folder, "index.hnsw");
        using (var index = new HnswIndex(Dim, new HnswOptions { Quantization = VectorQuantization.Int8 }, mine))
        {
            index.UpsertRange(ClusteredVectors.Generate(500, Dim, clusters: 5, seed: 12));
            index.SaveToFile(snapshot);
        }
        using (var other = new HnswIndex(Dim, new HnswOptions { Quantization = VectorQuantization.Int8 }, theirs))
            other.UpsertRange(ClusteredVectors.Generate(500, Dim, clusters: 5, seed: 13));

        var error = Assert.Throws<SnapshotFormatException>(() => HnswIndex.LoadFromFile(snapshot, theirs));

        Assert.Contains("theirs.f32", error.Message);
        output.WriteLine(error.Message);
    }

    [Fact]
    public void An_exact_vector_file_of_another_quantisation_is_refused_with_both_names()
    {
        var location = new ExactVectorLocation(Path.Combine(folder, "exact.f32"));
        using (var binary = new HnswIndex(Dim, new HnswOptions { Quantization = VectorQuantization.Binary }, location))
            binary.UpsertRange(ClusteredVectors.Generate(300, Dim, clusters: 5, seed: 14));

        var error = Assert.Throws<InvalidDataException>(() => new HnswIndex(Dim, new HnswOptions { Quantization = VectorQuantization.Int8 }, location));

        Assert.Contains("binary-quantised", error.Message);
        Assert.Contains("int8-quantised", error.Message);
    }

    [Theory]
    [InlineData(VectorQuantization.Int8, 0.40)]
    [InlineData(VectorQuantization.Binary, 0.15)]
    public void Graph_and_codes_hold_a_fraction_of_the_float_index_memory_on_512_d_vectors(VectorQuantization quantization, double most)
    {
        // A whole number of node chunks for both layouts, so that no index is charged for a chunk it barely uses.
        const int dimension = 512, count = 16384;
        var rows = ClusteredVectors.Generate(count, dimension, clusters: 20, seed: 15);
        using var floats = new HnswIndex(dimension, new HnswOptions { EfConstruction = 16 });
        using var codes = new HnswIndex(dimension, new HnswOptions { EfConstruction = 16, Quantization = quantization, Layout = HnswOptions.DefaultLayout(quantization) });
        floats.UpsertRange(rows);
        codes.UpsertRange(rows);

        double ratio = codes.MemoryBytes / (double)floats.MemoryBytes;
        output.WriteLine($"{quantization}: {codes.MemoryBytes} / {floats.MemoryBytes} bytes = {ratio:F3}; exact-vector file {codes.ExactVectorBytes} bytes");
        Assert.True(ratio <= most, $"ratio {ratio:F3}");
        Assert.Equal(0, floats.ExactVectorBytes);
        Assert.True(codes.ExactVectorBytes >= (long)count * dimension * sizeof(float));
    }

    [Fact]
    public void A_reopened_index_reuses_what_its_exact_vector_file_learned()
    {
        var location = new ExactVectorLocation(Path.Combine(folder, "exact.f32"));
        var rows = ClusteredVectors.Generate(1000, Dim, clusters: 10, seed: 16);
        using (var first = new HnswIndex(Dim, new HnswOptions { Quantization = VectorQuantization.Int8 }, location))
            first.UpsertRange(rows);

        using var reopened = new HnswIndex(Dim, new HnswOptions { Quantization = VectorQuantization.Int8 }, location);

        Assert.True(reopened.IsTrained);
        reopened.Upsert(1, rows.AsSpan(0, Dim));
        Assert.Equal(1UL, reopened.Search(rows.AsSpan(0, Dim).ToArray(), 1, ef: 10)[0].Id);
    }

    [Fact]
    public void Oversampling_outside_1_to_100_is_refused()
    {
        using var index = new HnswIndex(Dim, new HnswOptions { Quantization = VectorQuantization.Int8 });
        index.UpsertRange(ClusteredVectors.Generate(300, Dim, clusters: 5, seed: 17));
        var hits = new SearchHit[10];

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new float[Dim], 10, 64, hits, oversampling: 0.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new float[Dim], 10, 64, hits, oversampling: float.NaN));
    }

    [Fact]
    public void A_training_sample_with_a_NaN_is_refused_by_row_and_component_and_teaches_nothing()
    {
        using var index = new HnswIndex(Dim, new HnswOptions { Quantization = VectorQuantization.Int8 });
        var sample = ClusteredVectors.Generate(300, Dim, clusters: 5, seed: 18);
        sample[Dim + 3] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => index.Train(sample));

        Assert.Contains("component 3 of sample row 1 is NaN", error.Message);
        Assert.False(index.IsTrained);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
