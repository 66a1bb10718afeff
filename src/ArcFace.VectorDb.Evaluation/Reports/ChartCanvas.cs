using ScottPlot;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>What every report chart shares: its font and its size on disk.</summary>
internal static class ChartCanvas
{
    /// <summary>Width of a saved chart in pixels.</summary>
    public const int Width = 800;

    /// <summary>Height of a saved chart in pixels.</summary>
    public const int Height = 500;

    /// <summary>Y ticks of a percentage axis: 0 to 100 in tens.</summary>
    private static readonly int[] Percentages = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

    /// <summary>A new plot whose text is drawn with the embedded font.</summary>
    public static Plot Create()
    {
        var plot = new Plot();
        EmbeddedFont.Apply(plot);
        return plot;
    }

    /// <summary>Ticks the left axis of <paramref name="plot"/> at 0, 10, …, 100 (the limits are the caller's, to leave room above).</summary>
    public static void PercentTicksLeft(Plot plot) => plot.Axes.Left.SetTicks([.. Percentages], [.. Percentages.Select(p => $"{p}")]);

    /// <summary>Writes <paramref name="plot"/> to <paramref name="path"/> as a PNG.</summary>
    public static void Save(Plot plot, string path) => plot.SavePng(path, Width, Height);
}
