using System.CommandLine;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench shard-recall`: recall of one index against the same points in shards, routed by id or by label.</summary>
internal static class ShardRecallCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dataset = new Option<DirectoryInfo>("--dataset") { Description = "A folder as `bench make-data` writes it: base.fvecs, query.fvecs, gt.ivecs and base.labels.", Required = true }.AcceptExistingOnly();
        var shards = new Option<int>("--shards") { Description = "Shards the points are split into.", DefaultValueFactory = _ => 4 }.Between(2, 1024);
        var efs = ListOption.OfPositiveInts("--ef", "Candidate list sizes to search at, each ≥ k", [32, 64, 128]);
        var k = new Option<int>("--k", "-k") { Description = "Neighbours per query scored by recall@k (each shard returns its top k).", DefaultValueFactory = _ => 10 }.Between(1, 1000);
        var queries = new Option<int>("--queries") { Description = "Queries (the first N) to measure.", DefaultValueFactory = _ => 2000 }.AtLeast(1);
        var threads = new Option<int>("--threads") { Description = "Threads for the builds (queries run one at a time on one thread).", DefaultValueFactory = _ => Environment.ProcessorCount }.Between(1, 1024);
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this file too (it is printed on stdout)." };
        var command = new Command("shard-recall",
            "In process, without a server: build one HNSW index over a data set, then the same points split into --shards indexes routed by a hash of the id " +
            "(as a cluster routes them) and by a hash of the label (every point of a label on one shard); search each layout at every ef, merge the shards' " +
            "top k and report recall@k and the time per query. Shows what sharding does to recall at one ef, apart from the network and Orleans.")
        {
            dataset, shards, efs, k, queries, threads, json,
        };
        command.SetAction(result => UserErrors.Run(result, log =>
        {
            var report = ShardRecallBench.Run(result.GetValue(dataset)!, result.GetValue(shards), EfList.AtLeastK(result.GetValue(efs)!, result.GetValue(k)), result.GetValue(k), result.GetValue(queries), result.GetValue(threads), log);
            ReportJson.Emit(result, report, result.GetValue(json));
            return 0;
        }));
        return command;
    }
}
