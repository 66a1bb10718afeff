using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands.Bench;
using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Core.Hnsw;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>
/// `arcvdb demo`: the main job on embedded defaults. It ingests the bundled sample gallery with the bundled ArcFace
/// model, searches by image and measures self-retrieval, then benchmarks HNSW recall/QPS on a generated ArcFace-like set.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the demo database, the generated data and the reports.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")) };
        var count = new Option<int>("--n") { Description = "Vectors to index.", DefaultValueFactory = _ => 20_000 }.Between(100, 10_000_000);
        var dimension = new Option<int>("--dim") { Description = "Components per vector (ArcFace models emit 512).", DefaultValueFactory = _ => 512 }.Between(2, 4096);
        var queries = new Option<int>("--queries") { Description = "Queries per ef.", DefaultValueFactory = _ => 1000 }.Between(1, 100_000);
        var command = new Command("demo", "Run the main job on built-in data: ingest the bundled Fashion-MNIST gallery with the bundled ArcFace model, search by image, " +
            "report self-retrieval Recall@1; then index a generated ArcFace-like set with HNSW and measure recall@10, QPS and latency against exact search.")
        {
            output, count, dimension, queries,
        };
        command.SetAction(result => UserErrors.RunAsync(result, async log =>
        {
            var folder = result.GetValue(output)!;
            await ImageDemo.RunAsync(folder.FullName, log, result.InvocationConfiguration.Output);
            var spec = new SyntheticFaceSpec(result.GetValue(count), result.GetValue(queries), result.GetValue(dimension), PerIdentity: 10, Cosine: 0.5, Seed: 42);
            var dataset = log.Step($"generating {spec.Count} face-like {spec.Dimension}-d vectors of {spec.Identities} identities and {spec.Queries} queries",
                () => SyntheticFaceDataset.Generate(spec));
            var truth = log.Step("computing the exact top 10 of every query", () => GroundTruth.Compute(dataset.Base.Vectors, dataset.Queries.Vectors, 10));
            string data = Path.Combine(folder.FullName, "data");
            BenchDatasetFiles.Write(data, dataset, truth);
            var settings = new AnnBenchSettings(
                new FileInfo(Path.Combine(data, BenchDatasetFiles.Base)), new FileInfo(Path.Combine(data, BenchDatasetFiles.Queries)),
                new FileInfo(Path.Combine(data, BenchDatasetFiles.GroundTruth)), "synthetic-arcface", new HnswOptions(),
                [10, 16, 32, 64, 128, 256], K: 10, Threads: Environment.ProcessorCount, QueryLimit: null,
                new FileInfo(Path.Combine(folder.FullName, "ann.json")));
            AnnBench.Run(settings, log, result.InvocationConfiguration.Output);
            return 0;
        }));
        return command;
    }
}
