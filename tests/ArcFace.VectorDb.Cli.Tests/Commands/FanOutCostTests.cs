using ArcFace.VectorDb.Cli.Commands.Bench;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>The fan-out split of `bench cluster`: its arithmetic, and noise that makes the full load look cheaper than the tiny one.</summary>
public class FanOutCostTests
{
    [Fact]
    public void The_ceiling_is_the_single_node_s_cpu_over_its_request_plus_the_set_up_s_index_work()
    {
        var single = Baseline(fullServer: 675, tinyServer: 59, client: 85);
        var cost = FanOutCost.Of(Load(server: 2084, client: 81), Load(server: 123, client: 30), shards: 4, single);

        Assert.Equal(1961, cost.IndexCpuUs, 6);
        Assert.Equal((123.0 - 59) / 4, cost.CpuPerShardCallUs!.Value, 6);
        Assert.Equal((675.0 + 85) / (59 + 1961 + 85), cost.FreeFanOutCeiling!.Value, 6);
    }

    [Fact]
    public void A_full_load_cheaper_than_the_tiny_one_counts_as_an_index_that_costs_nothing()
    {
        var single = Baseline(fullServer: 90, tinyServer: 100, client: 40);
        Assert.Equal(0, single.FanOut.IndexCpuUs);

        var cost = FanOutCost.Of(Load(server: 150, client: 40), Load(server: 180, client: 40), shards: 4, single);
        Assert.Equal(0, cost.IndexCpuUs);
        Assert.Equal((90.0 + 40) / (100 + 0 + 40), cost.FreeFanOutCeiling!.Value, 6);
    }

    private static ClusterLoadRun Load(double server, double client) => new(32, 1000, 1, 2, 0, 1.0, server, client);

    private static ClusterConfiguration Baseline(double fullServer, double tinyServer, double client)
    {
        var full = Load(fullServer, client);
        return new ClusterConfiguration("single node", "single node", 1, 1, 1, 1, 1, 1, 1, 1, [], [full], [], FanOutCost.Of(full, Load(tinyServer, client), 1, null));
    }
}
