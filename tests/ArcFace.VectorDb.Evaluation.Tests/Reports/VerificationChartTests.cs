using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

public class VerificationChartTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_roc_or_without_different_pairs_the_note_that_there_is_none_saves_a_labelled_800x500_png(bool differentPairs)
    {
        using var dir = new TempDirectory();
        string path = dir.File("roc.png");

        VerificationChart.Save(differentPairs ? ReportSamples.Verification() : ReportSamples.VerificationWithoutDifferentPairs(), path);

        ChartAssert.IsLabelledChart(path);
    }
}
