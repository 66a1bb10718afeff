using ArcFace.VectorDb.Evaluation.Ann;
using ScottPlot;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>The recall–QPS curve of an ANN benchmark as a PNG.</summary>
public static class AnnChart
{
    /// <summary>Saves recall (x) against QPS (y, log scale) with each point labelled by its ef, titled with the data set and the index parameters.</summary>
    public static void Save(AnnReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Runs.Count == 0)
            throw new ArgumentException("The report has no runs to plot.", nameof(report));

        var plot = ChartCanvas.Create();
        double[] recall = [.. report.Runs.Select(run => run.Recall)];
        double[] qps = [.. report.Runs.Select(run => run.Qps)];
        var curve = plot.Add.Scatter(recall, [.. qps.Select(LogAxis.Position)]);
        curve.LineWidth = 2;
        curve.MarkerSize = 8;
        foreach (var run in report.Runs)
        {
            var label = plot.Add.Text($"ef={run.Ef}", run.Recall, LogAxis.Position(run.Qps));
            label.LabelFontSize = 12;
            label.Alignment = Alignment.LowerLeft;
            label.OffsetX = 5;
            label.OffsetY = -5;
        }

        double left = recall.Min();
        double right = recall.Max();
        double room = Math.Max(right - left, 0.1);
        plot.Axes.SetLimitsX(left - room * 0.08, right + room * 0.18);
        LogAxis.ApplyLeft(plot, qps);
        plot.Title($"{report.Dataset}: n={report.N} dim={report.Dim} M={report.M} efC={report.EfConstruction}");
        plot.XLabel($"recall@{report.K}");
        plot.YLabel("queries per second (log scale)");
        ChartCanvas.Save(plot, path);
    }
}
