using System.Globalization;
using System.Text;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>The `bench cluster` report as Markdown tables for people (the JSON holds the same figures).</summary>
internal static class ClusterBenchMarkdown
{
    /// <summary>The report as Markdown.</summary>
    public static string Render(ClusterBenchReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        var data = report.Dataset;
        var machine = report.Machine;
        Line($"# Cluster benchmark: single node vs. sharded clusters");
        Line($"");
        Line($"- Data: {data.Points} × {data.Dimension} from `{Path.GetFileName(data.Base)}`, {data.Queries} queries; recall against {report.RecallQueries} queries' exact neighbours ({data.GroundTruth}).");
        Line($"- Machine: {machine.Cores} cores ({machine.Cpu}), {machine.MemoryBytes / (1024.0 * 1024 * 1024):F0} GiB, {machine.Os}, {machine.Runtime}.");
        Line($"- Search: k = {report.K}, ef = {report.Ef}, {report.Seconds:G} s per client count.");
        Line($"");
        Line($"## Search QPS through gRPC");
        Line($"");
        Line($"CPU µs per search: of the server processes (every silo, and Redis) and of the load generator, over the answered searches.");
        Line($"");
        Line($"| configuration | silos | shards | clients | QPS | × single node | p50 ms | p99 ms | errors | server CPU µs | client CPU µs |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var configuration in report.Configurations)
        {
            foreach (var load in configuration.Loads)
                Line($"| {configuration.Name} | {configuration.Silos} | {configuration.Shards} | {load.Clients} | {load.Qps:F0} | {Optional(load.OverSingleNode, "F2")} | {load.P50Us / 1000:F2} | {load.P99Us / 1000:F2} | {load.Errors} | {load.ServerCpuUs:F0} | {load.ClientCpuUs:F0} |");
        }
        Line($"");
        Line($"## Where the CPU of a search goes ({report.Configurations[0].FanOut.TinyLoad.Clients} clients)");
        Line($"");
        Line($"The same load on a collection of the same shards holding only a few points measures the request and the fan-out without the index: index CPU is the full collection's server CPU per search minus that. Per shard call is what each shard call adds to the single node's request. The ceiling is the ratio to the single node that the set-up would reach if its fan-out cost nothing: only its index work differs.");
        Line($"");
        Line($"| configuration | shards | tiny-collection QPS | its server CPU µs | index CPU µs | per shard call µs | ceiling with a free fan-out | measured × single node |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in report.Configurations)
        {
            var cost = c.FanOut;
            var full = c.AtMostClients;
            Line($"| {c.Name} | {c.Shards} | {cost.TinyLoad.Qps:F0} | {cost.TinyLoad.ServerCpuUs:F0} | {cost.IndexCpuUs:F0} | {Optional(cost.CpuPerShardCallUs, "F0")} | {Optional(cost.FreeFanOutCeiling, "F2")} | {Optional(full.OverSingleNode, "F2")} |");
        }
        Line($"");
        Line($"## Recall@{report.K}");
        Line($"");
        text.Append("| configuration | shards |");
        foreach (int ef in report.RecallEfs)
            text.Append(CultureInfo.InvariantCulture, $" ef {ef} |");
        text.AppendLine().Append("|---|---:|").Append(string.Concat(report.RecallEfs.Select(_ => "---:|"))).AppendLine();
        foreach (var configuration in report.Configurations)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {configuration.Name} | {configuration.Shards} |");
            foreach (var recall in configuration.Recall)
                text.Append(CultureInfo.InvariantCulture, $" {recall.Recall:F4} |");
            text.AppendLine();
        }
        Line($"");
        Line($"## Load (durable Upsert stream) and size");
        Line($"");
        Line($"| configuration | shards | load s | points/s | points | index memory MiB | per shard MiB | disk MiB |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in report.Configurations)
            Line($"| {c.Name} | {c.Shards} | {c.LoadSeconds:F1} | {c.LoadPointsPerSecond:F0} | {c.Points} | {Mib(c.IndexMemoryBytes)} | {Mib(c.IndexMemoryBytesPerShard)} | {Mib(c.DiskBytes)} |");
        Line($"");
        Line($"## Per shard");
        Line($"");
        Line($"| configuration | shard | points | disk MiB | silo port |");
        Line($"|---|---:|---:|---:|---:|");
        foreach (var c in report.Configurations)
        {
            foreach (var shard in c.PerShard)
                Line($"| {c.Name} | {shard.Shard} | {shard.Points} | {Mib(shard.DiskBytes)} | {(shard.SiloPort is { } port ? port.ToString(CultureInfo.InvariantCulture) : "–")} |");
        }
        if (report.Failover is { } failover)
        {
            Line($"");
            Line($"## Failover: kill -9 of one of {failover.Silos} silos ({failover.Shards} shards, {failover.Points} points)");
            Line($"");
            string median = failover.MedianSeconds is { } seconds ? seconds.ToString("F2", CultureInfo.InvariantCulture) + " s" : $"none recovered within {failover.GiveUpSeconds:G} s";
            Line($"Median time until every probe search answered again: **{median}** ({failover.Probes} probes per round, {failover.ProbeDeadlineSeconds:G} s deadline each).");
            Line($"");
            Line($"| run | killed silo port | its shards | recovered s | failed rounds | failed probes | restart until rebalanced s |");
            Line($"|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var run in failover.Runs)
                Line($"| {run.Run} | {run.KilledSiloPort} | {run.ShardsOnKilledSilo} | {(run.RecoveredSeconds is { } recovered ? recovered.ToString("F2", CultureInfo.InvariantCulture) : "not recovered")} | {run.FailedRounds} | {run.FailedProbes} | {(run.RebalanceSeconds is { } s ? s.ToString("F2", CultureInfo.InvariantCulture) : "–")} |");
        }
        Line($"");
        Line($"## Notes");
        Line($"");
        foreach (string note in report.Notes)
            Line($"- {note}");
        return text.ToString();
    }

    private static string Optional(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture);
}
