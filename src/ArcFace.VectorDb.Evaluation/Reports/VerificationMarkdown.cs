using System.Text;
using ArcFace.VectorDb.Evaluation.Verification;
using static System.FormattableString;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>A verification evaluation as a Markdown page for people: the pairs and images, the accuracy, then a TAR@FAR table.</summary>
public static class VerificationMarkdown
{
    /// <summary>The Markdown text of <paramref name="evaluation"/>.</summary>
    public static string Write(VerificationEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var (source, metrics) = (evaluation.Source, evaluation.Metrics);
        var text = new StringBuilder();
        text.Append(Invariant($"# Verification evaluation: {source.Dataset}\n\n"));
        text.Append(evaluation.Origin.MarkdownLine());
        text.Append(Invariant($"- pair list: `{source.PairFile}`\n"));
        text.Append(Invariant($"- images: {source.Images - source.UnusableImages} of {source.Images} embedded ({source.UnusableImages} unusable)\n"));
        text.Append(Invariant($"- pairs: {metrics.Pairs} scored ({metrics.SamePairs} same, {metrics.Pairs - metrics.SamePairs} different) of {source.PairsListed} listed; {source.PairsLeftOut} left out for an unusable image\n"));
        text.Append(Invariant($"- accuracy: {metrics.AccuracyMean:F2} ± {metrics.AccuracyStd:F2} % ({metrics.Folds}-fold), mean threshold: cosine > {metrics.Threshold:F3}\n"));
        text.Append(Invariant($"- mean cosine similarity: same pairs {Similarity(evaluation.SameMeanSimilarity)}, different pairs {Similarity(evaluation.DifferentMeanSimilarity)}\n\n"));

        var table = new MarkdownTable("FAR target", "TAR (%)", "± std", "FAR on test folds");
        foreach (var (key, score) in metrics.TarAtFar)
            table.Add(score is null ? [key, "–", "–", "–"] : [key, Invariant($"{score.Mean:F2}"), Invariant($"{score.Std:F2}"), Invariant($"{score.Far:G3}")]);
        table.WriteTo(text);
        if (metrics.TarAtFar.Values.Any(score => score is null))
            text.Append("–: too few different pairs to measure that FAR (every training split needs at least 1/FAR of them).\n");
        return text.ToString();
    }

    private static string Similarity(double? mean) => mean is { } value ? Invariant($"{value:F3}") : "–";
}
