using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

public class RetrievalChartTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Recall_bars_save_a_labelled_800x500_png_with_and_without_hnsw(bool withHnsw)
    {
        using var dir = new TempDirectory();
        string path = dir.File("retrieval.png");

        RetrievalChart.Save(ReportSamples.Retrieval(withHnsw), path);

        ChartAssert.IsLabelledChart(path);
    }

    [Fact]
    public void Hnsw_bars_add_a_second_colour_beside_the_exact_ones()
    {
        using var dir = new TempDirectory();
        RetrievalChart.Save(ReportSamples.Retrieval(withHnsw: false), dir.File("exact.png"));
        RetrievalChart.Save(ReportSamples.Retrieval(withHnsw: true), dir.File("both.png"));

        using var exact = new PngFile(dir.File("exact.png"));
        using var both = new PngFile(dir.File("both.png"));

        Assert.True(both.DistinctColours() > exact.DistinctColours());
    }
}
