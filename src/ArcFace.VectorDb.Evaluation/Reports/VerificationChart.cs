using System.Globalization;
using ArcFace.VectorDb.Evaluation.Verification;
using ScottPlot;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>The ROC of a verification evaluation as a PNG: TAR against FAR on a log axis, as insightface and the face papers plot it.</summary>
public static class VerificationChart
{
    /// <summary>
    /// Saves the ROC (its points with a FAR above 0; a log axis has no 0) with the cross-validated TAR@FAR marked at each
    /// measured target; without different or same pairs there is no ROC, and the chart says so instead.
    /// </summary>
    public static void Save(VerificationEvaluation evaluation, string path)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var metrics = evaluation.Metrics;
        var roc = evaluation.Roc.Where(point => point.Far > 0).ToArray();
        var measured = metrics.TarAtFar
            .Where(entry => entry.Value is not null)
            .Select(entry => (Key: entry.Key, Far: double.Parse(entry.Key, CultureInfo.InvariantCulture), Tar: entry.Value!.Mean))
            .ToArray();

        var plot = ChartCanvas.Create();
        if (roc.Length > 0)
        {
            var curve = plot.Add.Scatter(roc.Select(point => LogAxis.Position(point.Far)).ToArray(), roc.Select(point => point.Tar).ToArray());
            curve.LineWidth = 2;
            curve.MarkerSize = 3;
            curve.Color = Colors.SteelBlue;
            curve.LegendText = $"ROC over all {metrics.Pairs} pairs";
            if (measured.Length > 0)
                AddMeasured(plot, measured, metrics.Folds);
            LogAxis.ApplyBottom(plot, [.. roc.Select(point => point.Far), .. measured.Select(m => m.Far)]);
            plot.ShowLegend(Alignment.LowerRight);
        }
        else
        {
            var note = plot.Add.Text($"No ROC: it needs same and different pairs; these are {metrics.SamePairs} same and {metrics.Pairs - metrics.SamePairs} different.", 0.5, 50);
            note.LabelFontSize = 14;
            note.Alignment = Alignment.MiddleCenter;
            plot.Axes.SetLimitsX(0, 1);
            plot.Axes.Bottom.SetTicks([], []);
        }
        ChartCanvas.PercentTicksLeft(plot);
        plot.Axes.SetLimitsY(-2, 104);
        plot.Title(ChartTitle.Of(evaluation.Source.Dataset, FormattableString.Invariant(
            $"accuracy {metrics.AccuracyMean:F2} ± {metrics.AccuracyStd:F2} % ({metrics.Folds}-fold), {metrics.SamePairs} same / {metrics.Pairs - metrics.SamePairs} different pairs")));
        plot.XLabel("false accept rate (log scale)");
        plot.YLabel("true accept rate (%)");
        ChartCanvas.Save(plot, path);
    }

    private static void AddMeasured(Plot plot, (string Key, double Far, double Tar)[] measured, int folds)
    {
        var marks = plot.Add.ScatterPoints(measured.Select(m => LogAxis.Position(m.Far)).ToArray(), measured.Select(m => m.Tar).ToArray());
        marks.MarkerSize = 10;
        marks.MarkerShape = MarkerShape.FilledDiamond;
        marks.Color = Colors.DarkOrange;
        marks.LegendText = $"TAR@FAR, {folds}-fold cross-validated";
        foreach (var (key, far, tar) in measured)
        {
            var label = plot.Add.Text(FormattableString.Invariant($"{tar:F1} @ {key}"), LogAxis.Position(far), tar);
            label.LabelFontSize = 12;
            label.Alignment = Alignment.UpperLeft;
            label.OffsetX = 6;
            label.OffsetY = 4;
        }
    }
}
