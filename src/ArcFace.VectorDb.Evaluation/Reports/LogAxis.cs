using System.Globalization;
using ScottPlot;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>A base-10 logarithmic axis, which ScottPlot lacks: values are plotted as log10 and ticks carry the real numbers.</summary>
internal static class LogAxis
{
    /// <summary>Tick mantissas per decade, sparsest first; the first set that gives three ticks is used.</summary>
    private static readonly double[][] Mantissas = [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]];

    /// <summary>The smallest span shown, in decades: a factor of two always holds a tick of the densest set.</summary>
    private const double MinimumSpan = 0.31;

    /// <summary>Where a positive value is drawn on a log axis.</summary>
    public static double Position(double value) =>
        value > 0 ? Math.Log10(value) : throw new ArgumentOutOfRangeException(nameof(value), value, "A log axis shows positive values only.");

    /// <summary>Spans the left axis of <paramref name="plot"/> over <paramref name="values"/> with some room, ticked and labelled in real numbers.</summary>
    public static void ApplyLeft(Plot plot, IReadOnlyCollection<double> values)
    {
        var (low, high, ticks) = Layout(values);
        plot.Axes.Left.SetTicks([.. ticks.Select(Position)], [.. ticks.Select(Label)]);
        plot.Axes.SetLimitsY(low, high);
    }

    /// <summary>Spans the bottom axis of <paramref name="plot"/> over <paramref name="values"/> the same way.</summary>
    public static void ApplyBottom(Plot plot, IReadOnlyCollection<double> values)
    {
        var (low, high, ticks) = Layout(values);
        plot.Axes.Bottom.SetTicks([.. ticks.Select(Position)], [.. ticks.Select(Label)]);
        plot.Axes.SetLimitsX(low, high);
    }

    /// <summary>The axis limits (as log10) around the values with some room, and the ticks of the sparsest set that gives three.</summary>
    private static (double Low, double High, List<double> Ticks) Layout(IReadOnlyCollection<double> values)
    {
        double low = Position(values.Min());
        double high = Position(values.Max());
        double pad = Math.Max((high - low) * 0.1, (MinimumSpan - (high - low)) / 2);
        low -= pad;
        high += pad;
        var ticks = Mantissas.Select(set => Ticks(low, high, set)).FirstOrDefault(t => t.Count >= 3) ?? Ticks(low, high, Mantissas[^1]);
        return (low, high, ticks);
    }

    private static List<double> Ticks(double low, double high, double[] mantissas)
    {
        var ticks = new List<double>();
        for (int decade = (int)Math.Floor(low); decade <= (int)Math.Ceiling(high); decade++)
        {
            foreach (double mantissa in mantissas)
            {
                double value = mantissa * Math.Pow(10, decade);
                double at = Math.Log10(value);
                if (at >= low && at <= high)
                    ticks.Add(value);
            }
        }
        return ticks;
    }

    private static string Label(double value) => value.ToString(value >= 1 ? "N0" : "G3", CultureInfo.InvariantCulture);
}
