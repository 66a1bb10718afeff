using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

public class ReportFilesTests
{
    [Fact]
    public void An_ann_report_gains_markdown_and_png_beside_its_json_path()
    {
        using var dir = new TempDirectory();
        var report = ReportSamples.AnnSweep();

        AssertCopiesBeside(dir, "run", ReportFiles.Write(dir.File("run.json"), report), AnnMarkdown.Write(report));
    }

    [Fact]
    public void A_retrieval_report_gains_markdown_and_png_beside_its_json_path()
    {
        using var dir = new TempDirectory();
        var report = ReportSamples.Retrieval(withHnsw: true);

        AssertCopiesBeside(dir, "eval", ReportFiles.Write(dir.File("eval.json"), report), RetrievalMarkdown.Write(report));
    }

    [Fact]
    public void A_verification_evaluation_gains_markdown_and_png_beside_its_json_path()
    {
        using var dir = new TempDirectory();
        var evaluation = ReportSamples.Verification();

        AssertCopiesBeside(dir, "verify", ReportFiles.Write(dir.File("verify.json"), evaluation), VerificationMarkdown.Write(evaluation), "source.dataset");
    }

    [Fact]
    public void A_json_path_that_its_own_copies_would_overwrite_is_refused()
    {
        using var dir = new TempDirectory();

        Assert.Throws<ArgumentException>(() => ReportFiles.Write(dir.File("report.md"), ReportSamples.AnnSweep()));
    }

    private static void AssertCopiesBeside(TempDirectory dir, string stem, ReportPaths paths, string markdown, string datasetKey = "dataset")
    {
        Assert.Equal(new ReportPaths(Path.GetFullPath(dir.File(stem + ".json")), Path.GetFullPath(dir.File(stem + ".md")), Path.GetFullPath(dir.File(stem + ".png"))), paths);
        Assert.Equal(markdown, File.ReadAllText(paths.Markdown));
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(paths.Json)))
        {
            var node = json.RootElement;
            foreach (string key in datasetKey.Split('.'))
                Assert.True(node.TryGetProperty(key, out node), $"The JSON lacks {datasetKey}.");
        }
        ChartAssert.IsLabelledChart(paths.Png);
    }
}
