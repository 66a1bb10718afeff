using ArcFace.VectorDb.Evaluation.Ann;
using ScottPlot;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>The recall–QPS curve of an ANN benchmark as a PNG.</summary>
public static class AnnChart
{
    /// <summary>The share of the recall axis an ef label takes, measured from its point.</summary>
    private const double LabelRoom = 0.12;

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
        var (left, right) = RecallLimits(recall);
        foreach (var run in report.Runs)
        {
            // A label would run past the right edge near recall 1: those sit left of their point.
            bool nearRight = run.Recall > right - (right - left) * LabelRoom;
            var label = plot.Add.Text($"ef={run.Ef}", run.Recall, LogAxis.Position(run.Qps));
            label.LabelFontSize = 12;
            label.Alignment = nearRight ? Alignment.LowerRight : Alignment.LowerLeft;
            label.OffsetX = nearRight ? -5 : 5;
            label.OffsetY = -5;
        }

        plot.Axes.SetLimitsX(left, right);
        LogAxis.ApplyLeft(plot, qps);
        plot.Title(ChartTitle.Of(report.Dataset, $"n={report.N} dim={report.Dim} M={report.M} efC={report.EfConstruction}"));
        plot.XLabel($"recall@{report.K}");
        plot.YLabel("queries per second (log scale)");
        ChartCanvas.Save(plot, path);
    }

    /// <summary>The recall axis around the points with some room, never below 0 nor past 1, which no recall exceeds.</summary>
    internal static (double Left, double Right) RecallLimits(IReadOnlyCollection<double> recall)
    {
        double low = recall.Min();
        double high = recall.Max();
        double room = Math.Max(high - low, 0.1);
        return (Math.Max(0, low - room * 0.08), Math.Min(1, high + room * 0.18));
    }
}
