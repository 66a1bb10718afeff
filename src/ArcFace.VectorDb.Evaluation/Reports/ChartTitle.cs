namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>Chart titles that fit an 800-pixel chart: "subject: figures" on one line when short, else the subject and the figures on a line each, a too-long line cut in its middle.</summary>
internal static class ChartTitle
{
    /// <summary>Characters of title text that fit on one line of a chart, wide letters included.</summary>
    public const int MaxLineLength = 70;

    private const string Ellipsis = "…";

    /// <summary>The title of a chart about <paramref name="subject"/> (a data set, a path) showing <paramref name="figures"/>.</summary>
    public static string Of(string subject, string figures)
    {
        string oneLine = $"{subject}: {figures}";
        return oneLine.Length <= MaxLineLength ? oneLine : $"{Shorten(subject + ":")}\n{Shorten(figures)}";
    }

    /// <summary>The text itself when it fits on a line, else its start and its end (where paths keep their names) around an ellipsis.</summary>
    private static string Shorten(string text)
    {
        if (text.Length <= MaxLineLength)
            return text;
        int kept = MaxLineLength - Ellipsis.Length;
        int head = kept / 2;
        return text[..head] + Ellipsis + text[^(kept - head)..];
    }
}
