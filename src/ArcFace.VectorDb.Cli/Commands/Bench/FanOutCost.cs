namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// Where a set-up's search CPU goes, at the most clients: <paramref name="TinyLoad"/> is the same load on a collection
/// so small that its index costs next to nothing, so what it spends is the request and the fan-out alone.
/// <paramref name="IndexCpuUs"/> is the server CPU per search the index itself costs (full minus tiny, every shard's
/// search together, at least 0); <paramref name="CpuPerShardCallUs"/> the server CPU each shard call adds over the single node's
/// request (null for the single node); <paramref name="FreeFanOutCeiling"/> the QPS ratio to the single node this set-up
/// would reach if its fan-out cost nothing and only its index work were extra (null for the single node).
/// </summary>
internal sealed record FanOutCost(ClusterLoadRun TinyLoad, double IndexCpuUs, double? CpuPerShardCallUs, double? FreeFanOutCeiling)
{
    /// <summary>The split of <paramref name="full"/> given <paramref name="tiny"/> on <paramref name="shards"/> shards; <paramref name="baseline"/> is the single node (null for itself).</summary>
    public static FanOutCost Of(ClusterLoadRun full, ClusterLoadRun tiny, int shards, ClusterConfiguration? baseline)
    {
        // An index costs no less than nothing: where noise makes the full load cheaper than the tiny one (an index of a
        // few thousand points), its cost counts as 0, so the ceiling stays a ratio of CPU times.
        double index = Math.Max(0, full.ServerCpuUs - tiny.ServerCpuUs);
        if (baseline is null)
            return new FanOutCost(tiny, index, null, null);
        var single = baseline.AtMostClients;
        double singleTiny = baseline.FanOut.TinyLoad.ServerCpuUs;
        double perCall = (tiny.ServerCpuUs - singleTiny) / shards;
        double freeFanOut = singleTiny + index + single.ClientCpuUs;
        return new FanOutCost(tiny, index, perCall, (single.ServerCpuUs + single.ClientCpuUs) / freeFanOut);
    }
}
