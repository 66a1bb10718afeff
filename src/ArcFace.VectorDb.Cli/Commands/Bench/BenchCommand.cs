using System.CommandLine;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench`: benchmarks and the data sets they run on.</summary>
internal static class BenchCommand
{
    /// <summary>Builds the `bench` command and its subcommands.</summary>
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks: ANN recall/QPS sweeps, storage import and reopen, image ingest, gRPC load, clusters against a single node, and the data sets they run on.");
        bench.Subcommands.Add(AnnBenchCommand.Create());
        bench.Subcommands.Add(MakeDataCommand.Create());
        bench.Subcommands.Add(StorageBenchCommand.Create());
        bench.Subcommands.Add(IngestBenchCommand.Create());
        bench.Subcommands.Add(GrpcBenchCommand.Create());
        bench.Subcommands.Add(ClusterBenchCommand.Create());
        bench.Subcommands.Add(ShardRecallCommand.Create());
        return bench;
    }
}
