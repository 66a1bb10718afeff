using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Flat;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Tests.Support;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Core.Tests.Hnsw;

/// <summary>
/// Tight identity clusters (intra-identity cosine about 0.5) in a near-orthogonal background, built with a small M and
/// efConstruction so that some insertions miss their own identity: the case that linking stranded nodes repairs.
/// </summary>
public class HnswStrandedNodeTests(ITestOutputHelper output)
{
    private const int Count = 5000;
    private const int Dim = 64;
    private static readonly float[] Rows = ClusteredVectors.Generate(Count, Dim, clusters: Count / 10, seed: 7, noise: 1.0f);

    [Fact]
    public void Linking_stranded_nodes_leaves_fewer_nodes_without_in_links_or_unreachable_and_finds_more_true_neighbours()
    {
        var truth = ExactNeighbours();
        var (linkedRecall, linkedUnreachable, linkedWithoutInLinks) = Measure(linkStranded: true, truth);
        var (plainRecall, plainUnreachable, plainWithoutInLinks) = Measure(linkStranded: false, truth);
        output.WriteLine($"linked: self-recall {linkedRecall:F4}, {linkedUnreachable} unreachable, {linkedWithoutInLinks} without in-links; " +
            $"hnswlib's graph: {plainRecall:F4}, {plainUnreachable} unreachable, {plainWithoutInLinks} without in-links");

        Assert.True(2 * linkedWithoutInLinks < plainWithoutInLinks, $"nodes without in-links: linked {linkedWithoutInLinks}, hnswlib's graph {plainWithoutInLinks}");
        Assert.True(linkedUnreachable < plainUnreachable, $"unreachable nodes: linked {linkedUnreachable}, hnswlib's graph {plainUnreachable}");
        Assert.True(linkedRecall > plainRecall + 0.005, $"self-recall@10 at ef 200: linked {linkedRecall:F4}, hnswlib's graph {plainRecall:F4}");
    }

    [Theory]
    [InlineData(Metric.InnerProduct, 1)]
    [InlineData(Metric.InnerProduct, 4)]
    [InlineData(Metric.L2, 4)]
    public void The_in_link_counts_and_nearest_link_distances_kept_while_inserting_match_the_lists(Metric metric, int threads)
    {
        using var index = new HnswIndex(Dim, new HnswOptions { M = 4, EfConstruction = 16, Metric = metric });
        index.UpsertRange(Rows, maxThreads: threads);
        index.UpsertRange(Rows.AsMemory(0, 500 * Dim), maxThreads: threads);

        Assert.Equal((0, 0), (index.RepeatedLinks(), index.LinkStateMismatches()));
        using var loaded = HnswIndex.Load(new MemoryStream(Snapshot(index)));
        Assert.Equal(0, loaded.LinkStateMismatches());
    }

    private static byte[] Snapshot(HnswIndex index)
    {
        var stream = new MemoryStream();
        index.Save(stream);
        return stream.ToArray();
    }

    /// <summary>Mean self-recall@10 at ef 200 over 1,000 sampled rows; unreachable level-0 nodes and nodes without in-links, summed over three level seeds.</summary>
    private static (double Recall, int Unreachable, int WithoutInLinks) Measure(bool linkStranded, HashSet<ulong>[] truth)
    {
        int hits = 0, total = 0, unreachable = 0, withoutInLinks = 0;
        for (ulong seed = 1; seed <= 3; seed++)
        {
            using var index = new HnswIndex(Dim, new HnswOptions { M = 4, EfConstruction = 16, Seed = seed, LinkStrandedNodes = linkStranded });
            index.UpsertRange(Rows, maxThreads: 1);
            var statistics = index.Statistics();
            unreachable += statistics.Level0Unreachable;
            withoutInLinks += statistics.Level0WithoutInLinks;
            for (int q = 0; q < truth.Length; q++)
            {
                hits += index.Search(Rows.AsSpan(q * 5 * Dim, Dim), 10, ef: 200).Count(h => truth[q].Contains(h.Id));
                total += 10;
            }
        }
        return (hits / (double)total, unreachable, withoutInLinks);
    }

    private static HashSet<ulong>[] ExactNeighbours()
    {
        var flat = new FlatIndex(Dim);
        flat.AddRange(Rows);
        return [.. Enumerable.Range(0, Count / 5).Select(q => flat.Search(Rows.AsSpan(q * 5 * Dim, Dim), 10).Select(h => h.Id).ToHashSet())];
    }
}
