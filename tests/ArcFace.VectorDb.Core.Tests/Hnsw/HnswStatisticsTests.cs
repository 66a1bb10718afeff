using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Tests.Support;

namespace ArcFace.VectorDb.Core.Tests.Hnsw;

public class HnswStatisticsTests
{
    [Fact]
    public void Statistics_count_every_node_at_level_0_shrink_upwards_and_stay_within_the_list_capacities()
    {
        const int m = 6;
        var rows = ClusteredVectors.Generate(3000, 16, clusters: 40, seed: 5);
        using var index = new HnswIndex(16, new HnswOptions { M = m, EfConstruction = 60 });
        index.UpsertRange(rows, maxThreads: 1);
        index.Delete(7);

        var stats = index.Statistics();

        Assert.Equal(index.NodeCount, stats.NodesPerLevel[0]);
        Assert.Equal(index.TopLevel + 1, stats.NodesPerLevel.Count);
        Assert.True(stats.NodesPerLevel.Zip(stats.NodesPerLevel.Skip(1)).All(p => p.First >= p.Second));
        Assert.Equal(2 * m + 1, stats.Level0DegreeHistogram.Count);
        Assert.Equal(index.NodeCount, stats.Level0DegreeHistogram.Sum());
        double level0Mean = stats.Level0DegreeHistogram.Select((nodes, degree) => (double)nodes * degree).Sum() / index.NodeCount;
        Assert.Equal(level0Mean, stats.MeanDegreePerLevel[0], 9);
        Assert.InRange(stats.MeanDegreePerLevel[0], 1, 2 * m);
        Assert.All(stats.MeanDegreePerLevel.Skip(1), d => Assert.InRange(d, 0, m));
    }

    [Fact]
    public void Nodes_without_in_links_and_unreachable_nodes_are_counted_from_the_lists()
    {
        using var index = new HnswIndex(2, new HnswOptions { M = 2 });
        index.Upsert(1, [1, 0]);
        var one = index.Statistics();
        Assert.Equal((1, 0), (one.Level0WithoutInLinks, one.Level0Unreachable));

        index.Upsert(2, [0, 1]);
        var two = index.Statistics();
        Assert.Equal((0, 0), (two.Level0WithoutInLinks, two.Level0Unreachable));
    }

    [Fact]
    public void Every_node_without_in_links_other_than_the_entry_is_unreachable()
    {
        var rows = ClusteredVectors.Generate(3000, 32, clusters: 300, seed: 8, noise: 1.0f);
        using var index = new HnswIndex(32, new HnswOptions { M = 3, EfConstruction = 8, LinkStrandedNodes = false });
        index.UpsertRange(rows, maxThreads: 1);

        var stats = index.Statistics();

        Assert.InRange(stats.Level0WithoutInLinks, 2, index.NodeCount);
        Assert.True(stats.Level0Unreachable >= stats.Level0WithoutInLinks - 1, $"{stats.Level0WithoutInLinks} without in-links, {stats.Level0Unreachable} unreachable");
    }

    [Fact]
    public void An_empty_index_has_no_levels()
    {
        using var index = new HnswIndex(4);

        var stats = index.Statistics();

        Assert.Empty(stats.NodesPerLevel);
        Assert.All(stats.Level0DegreeHistogram, n => Assert.Equal(0, n));
        Assert.Equal((0, 0), (stats.Level0WithoutInLinks, stats.Level0Unreachable));
    }
}
