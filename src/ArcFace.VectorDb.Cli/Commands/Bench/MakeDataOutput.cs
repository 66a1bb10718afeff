using System.CommandLine;
using ArcFace.VectorDb.Cli.Data;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>What every `make-data` subcommand shares: the --out and --gt-k options, and computing + writing the files.</summary>
internal sealed class MakeDataOutput
{
    private readonly Option<string> folder = new("--out") { Description = "Folder to write base.fvecs, query.fvecs, gt.ivecs, base.labels and query.labels into (created if needed).", Required = true };

    private readonly Option<int> groundTruthK = new Option<int>("--gt-k") { Description = "Exact neighbours per query in gt.ivecs.", DefaultValueFactory = _ => 100 }.AtLeast(1);

    /// <summary>Adds the shared options to a subcommand.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(folder);
        command.Options.Add(groundTruthK);
    }

    /// <summary>Prints the mean same-label and different-label cosine, computes the exact ground truth and writes every file.</summary>
    public void Write(ParseResult parseResult, BenchDataset dataset, ProgressLog log, string labelKind)
    {
        var cosines = IdentityCosines.Measure(dataset.Base, pairs: 20_000, seed: 1);
        log.Line($"mean cosine over random base pairs: same {labelKind} {cosines.Intra:F3}, different {labelKind} {cosines.Inter:F3}");
        int k = parseResult.GetValue(groundTruthK);
        var queries = dataset.Queries.Vectors;
        var groundTruth = log.Step(
            $"computing ground truth for {queries.Count} queries (exact top {k} of {dataset.Base.Vectors.Count} by inner product)",
            () => GroundTruth.Compute(dataset.Base.Vectors, queries, k));
        var files = log.Step("writing files", () => BenchDatasetFiles.Write(parseResult.GetRequiredValue(folder), dataset, groundTruth));
        parseResult.InvocationConfiguration.Output.WriteLine($"wrote {string.Join(" ", files)}");
    }
}
