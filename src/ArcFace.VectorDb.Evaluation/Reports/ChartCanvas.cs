using ScottPlot;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>What every report chart shares: its font and its size on disk.</summary>
internal static class ChartCanvas
{
    /// <summary>Width of a saved chart in pixels.</summary>
    public const int Width = 800;

    /// <summary>Height of a saved chart in pixels.</summary>
    public const int Height = 500;

    /// <summary>A new plot whose text is drawn with the embedded font.</summary>
    public static Plot Create()
    {
        var plot = new Plot();
        EmbeddedFont.Apply(plot);
        return plot;
    }

    /// <summary>Writes <paramref name="plot"/> to <paramref name="path"/> as a PNG.</summary>
    public static void Save(Plot plot, string path) => plot.SavePng(path, Width, Height);
}
