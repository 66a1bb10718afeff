using ArcFace.VectorDb.Evaluation.Reports;

namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

public class VerificationMarkdownTests
{
    [Fact]
    public void Header_names_the_pair_list_images_pairs_accuracy_threshold_and_mean_similarities()
    {
        string text = VerificationMarkdown.Write(ReportSamples.Verification());

        Assert.StartsWith("# Verification evaluation: lfw-sample\n\n", text, StringComparison.Ordinal);
        Assert.Contains("- pair list: `/data/lfw/pairs.txt`\n", text, StringComparison.Ordinal);
        Assert.Contains("- images: 1099 of 1100 embedded (1 unusable)\n", text, StringComparison.Ordinal);
        Assert.Contains("- pairs: 598 scored (299 same, 299 different) of 600 listed; 2 left out for an unusable image\n", text, StringComparison.Ordinal);
        Assert.Contains("- accuracy: 99.25 ± 0.50 % (10-fold), mean threshold: cosine > 0.315\n", text, StringComparison.Ordinal);
        Assert.Contains("- mean cosine similarity: same pairs 0.621, different pairs 0.031\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tar_at_far_rows_show_measured_targets_and_a_dash_with_its_reason_where_too_few_different_pairs()
    {
        string text = VerificationMarkdown.Write(ReportSamples.Verification());

        Assert.Contains(
            "| FAR target | TAR (%) | ± std | FAR on test folds |\n| ---: | ---: | ---: | ---: |\n" +
            "| 1e-1 | 99.90 | 0.20 | 0.0981 |\n| 1e-2 | 98.46 | 1.10 | 0.00952 |\n| 1e-3 | – | – | – |\n| 1e-4 | – | – | – |\n",
            text, StringComparison.Ordinal);
        Assert.Contains("–: too few different pairs to measure that FAR", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_different_pairs_their_mean_similarity_is_a_dash()
    {
        string text = VerificationMarkdown.Write(ReportSamples.VerificationWithoutDifferentPairs());

        Assert.Contains("(20 same, 0 different)", text, StringComparison.Ordinal);
        Assert.Contains("same pairs 0.621, different pairs –\n", text, StringComparison.Ordinal);
    }
}
