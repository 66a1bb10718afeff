using System.CommandLine;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Hnsw;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench ann`: builds an HNSW index and sweeps ef for recall, QPS and latency.</summary>
internal static class AnnBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var baseFile = new Option<FileInfo>("--base") { Description = "Vectors to index (.fvecs, .bvecs or .npy).", Required = true };
        var queryFile = new Option<FileInfo>("--query") { Description = "Query vectors (.fvecs, .bvecs or .npy).", Required = true };
        var truthFile = new Option<FileInfo?>("--gt") { Description = "Exact neighbour ids per query (.ivecs or .npy); computed by exact search when omitted." };
        var name = new Option<string?>("--name") { Description = "Data set name in the report (default: derived from --base)." };
        var m = IndexOptions.M("HNSW M: links per node (level 0 allows 2·M).");
        var efConstruction = IndexOptions.EfConstruction("Candidate list size while building.");
        var efs = ListOption.OfPositiveInts("--ef", "Candidate list sizes to sweep at query time, each ≥ k", [10, 16, 32, 64, 128, 256, 512]);
        var k = new Option<int>("--k", "-k") { Description = "Neighbours per query scored by recall@k.", DefaultValueFactory = _ => 10 }.Between(1, 10_000);
        var threads = new Option<int>("--threads") { Description = "Threads for the build (queries always run one at a time on one thread).", DefaultValueFactory = _ => Environment.ProcessorCount }.Between(1, 1024);
        var metric = new Option<Metric>("--metric") { Description = "InnerProduct (cosine on normalised vectors) or L2.", DefaultValueFactory = _ => Metric.InnerProduct };
        var layout = new Option<HnswLayout?>("--layout") { Description = "Memory layout of codes and level-0 links (default: Interleaved, Separate for binary quantisation)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the level draw; the build is reproducible for a seed on one thread.", DefaultValueFactory = _ => new HnswOptions().Seed };
        var linkStranded = new Option<bool>("--link-stranded")
        {
            Description = "Also link each new node with candidates it is closer to than anything they were linked to before; false builds hnswlib's graph.",
            DefaultValueFactory = _ => new HnswOptions().LinkStrandedNodes,
        };
        var quantization = IndexOptions.Quantization("How the index holds vectors:");
        var oversampling = IndexOptions.Oversampling("Candidates re-ranked per result.");
        var idsOut = new Option<FileInfo?>("--ids-out") { Description = "Write the result ids of the last --ef as .ivecs (k per query, -1 where fewer were found), to compare per query." };
        var queryLimit = new Option<int?>("--query-limit") { Description = "Use only the first N queries." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this file, and beside it a Markdown table (.md) and a recall–QPS chart (.png)." };
        var snapshot = new Option<FileInfo?>("--snapshot") { Description = "Reuse one graph across runs: load the index from this file when it exists (no build, build_seconds is null), else build it and save it here (a quantised index keeps its exact vectors in FILE.rerank beside it)." };

        var command = new Command("ann", "Build an HNSW index over a base set, then for each ef run every query one at a time on one thread and report recall@k, QPS and p50/p99 latency.")
        {
            baseFile, queryFile, truthFile, name, m, efConstruction, efs, k, threads, metric, layout, seed, linkStranded, quantization, oversampling, queryLimit, json, snapshot, idsOut,
        };
        command.SetAction(result => UserErrors.Run(result, log =>
        {
            var settings = new AnnBenchSettings(
                result.GetValue(baseFile)!, result.GetValue(queryFile)!, result.GetValue(truthFile), result.GetValue(name),
                new HnswOptions { M = result.GetValue(m), EfConstruction = result.GetValue(efConstruction), Metric = result.GetValue(metric), Layout = result.GetValue(layout) ?? HnswOptions.DefaultLayout(result.GetValue(quantization)), Seed = result.GetValue(seed), LinkStrandedNodes = result.GetValue(linkStranded), Quantization = result.GetValue(quantization) },
                EfList.AtLeastK(result.GetValue(efs)!, result.GetValue(k)), result.GetValue(k), result.GetValue(threads), result.GetValue(queryLimit), result.GetValue(json), result.GetValue(snapshot), result.GetValue(idsOut), result.GetValue(oversampling));
            AnnBench.Run(settings, log, result.InvocationConfiguration.Output);
            return 0;
        }));
        return command;
    }
}
