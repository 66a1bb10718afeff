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

    [Fact]
    public void The_recall_axis_leaves_room_around_the_points_but_stops_at_1()
    {
        var (left, right) = AnnChart.RecallLimits([0.7125, 0.905, 0.9875, 0.9995]);

        Assert.InRange(left, 0, 0.7125 - 0.01);
        Assert.InRange(right, 0.9995, 1.0);
    }

    [Fact]
    public void The_recall_axis_never_starts_below_0()
    {
        var (left, right) = AnnChart.RecallLimits([0.004, 0.02]);

        Assert.Equal(0, left);
        Assert.InRange(right, 0.02, 1.0);
    }
}
