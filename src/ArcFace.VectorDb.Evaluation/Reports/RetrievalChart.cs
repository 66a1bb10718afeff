using ArcFace.VectorDb.Evaluation.Retrieval;
using ScottPlot;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>Recall@K of a retrieval evaluation as a bar chart in a PNG.</summary>
public static class RetrievalChart
{
    /// <summary>Saves one bar per K for exact search and, when the report has HNSW figures, an HNSW bar beside each.</summary>
    public static void Save(RetrievalReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cutoffs = RankCutoffs.Ordered(report.RecallAt.Keys);
        if (cutoffs.Count == 0)
            throw new ArgumentException("The report has no Recall@K to plot.", nameof(report));

        var plot = ChartCanvas.Create();
        double width = report.Hnsw is null ? 0.6 : 0.4;
        double shift = report.Hnsw is null ? 0 : width / 2;
        AddSeries(plot, cutoffs, report.RecallAt, -shift, width, "exact search", Colors.SteelBlue);
        if (report.Hnsw is { } hnsw)
            AddSeries(plot, cutoffs, hnsw.RecallAt, shift, width, $"HNSW ef={hnsw.Ef}", Colors.DarkOrange);

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, cutoffs.Count).Select(i => (double)i)], [.. cutoffs.Select(k => $"K={k}")]);
        ChartCanvas.PercentTicksLeft(plot);
        // The room above 100 holds the bar labels and the legend.
        plot.Axes.SetLimits(-0.6, cutoffs.Count - 0.4, 0, 122);
        plot.ShowLegend(Alignment.UpperLeft, Orientation.Horizontal);
        plot.Title(Title(report));
        plot.YLabel("Recall@K (%)");
        ChartCanvas.Save(plot, path);
    }

    /// <summary>The chart's title: the data set, then the number of queries and gallery items, fitted to the chart's width.</summary>
    internal static string Title(RetrievalReport report) =>
        ChartTitle.Of(report.Dataset, $"Recall@K, {report.Queries} queries over {report.Gallery} gallery items");

    private static void AddSeries(Plot plot, IReadOnlyList<string> cutoffs, IReadOnlyDictionary<string, double> recall, double shift, double width, string name, Color color)
    {
        var bars = new List<Bar>();
        for (int i = 0; i < cutoffs.Count; i++)
        {
            if (recall.TryGetValue(cutoffs[i], out double value))
                bars.Add(new Bar { Position = i + shift, Value = value, Size = width, Label = FormattableString.Invariant($"{value:F1}") });
        }
        var series = plot.Add.Bars(bars);
        series.Color = color;
        series.LegendText = name;
    }
}
