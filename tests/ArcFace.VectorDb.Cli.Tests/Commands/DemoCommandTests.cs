using System.Globalization;
using System.Text.RegularExpressions;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`arcvdb demo`, the README's main command, end to end through its gRPC server.</summary>
public partial class DemoCommandTests(ITestOutputHelper output)
{
    [Fact]
    public void The_demo_exits_0_prints_a_recall_at_1_within_1_point_of_the_recorded_figure_and_writes_every_report()
    {
        using var dir = new TempDirectory();

        var run = CliRun.Invoke("demo", "--out", dir.Path, "--n", "3000", "--dim", "128", "--queries", "200");

        output.WriteLine(run.Output);
        output.WriteLine(run.Error);
        Assert.Equal(0, run.ExitCode);
        var recall = RecallLine().Match(run.Output);
        Assert.True(recall.Success, "the demo prints its Recall@1");
        double printed = double.Parse(recall.Groups["ours"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(BundledAssets.RecordedSampleRecallAt1(), double.Parse(recall.Groups["recorded"].Value, CultureInfo.InvariantCulture));
        Assert.InRange(printed, BundledAssets.RecordedSampleRecallAt1() - 1, BundledAssets.RecordedSampleRecallAt1() + 1);
        Assert.Contains("ingested 500 of 500 images (0 unusable)", run.Output, StringComparison.Ordinal);
        Assert.Contains("search by image Sneaker/", run.Output, StringComparison.Ordinal);
        var reports = run.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(dir.Path, StringComparison.Ordinal)).ToList();
        Assert.Equal(["retrieval.json", "retrieval.md", "retrieval.png", "ann.json", "ann.md", "ann.png"], reports.Select(Path.GetFileName));
        Assert.All(reports, file => Assert.True(new FileInfo(file).Length > 0, file));
        var mapNote = Assert.Single(run.Output.Split('\n'), line => line.Contains("mAP@K as mmpretrain computes it", StringComparison.Ordinal));
        Assert.Contains(mapNote.Trim().Trim('(', ')'), File.ReadAllText(reports[1]), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Recall@1 by exact search: (?<ours>[0-9.]+) \(recorded when the bundled model was trained: (?<recorded>[0-9.]+)\)")]
    private static partial Regex RecallLine();
}
