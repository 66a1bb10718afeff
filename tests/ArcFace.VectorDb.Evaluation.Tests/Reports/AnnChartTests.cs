using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

public class AnnChartTests
{
    [Fact]
    public void A_sweep_saves_a_labelled_800x500_png()
    {
        using var dir = new TempDirectory();
        string path = dir.File("ann.png");

        AnnChart.Save(ReportSamples.AnnSweep(), path);

        ChartAssert.IsLabelledChart(path);
    }

    [Fact]
    public void A_report_with_a_single_run_still_plots()
    {
        using var dir = new TempDirectory();
        string path = dir.File("one.png");

        AnnChart.Save(ReportSamples.Ann(new AnnRun(64, 0.95, 10_000, 90, 200)), path);

        ChartAssert.IsLabelledChart(path);
    }

    [Fact]
    public void A_report_without_runs_is_refused()
    {
        using var dir = new TempDirectory();

        Assert.Throws<ArgumentException>(() => AnnChart.Save(ReportSamples.Ann(), dir.File("none.png")));
    }
}
