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

    [Fact]
    public void A_long_data_set_name_is_cut_in_its_middle_so_every_title_line_fits_the_chart()
    {
        const string dataset = "images /home/someone/datasets/deepfashion/inshop/Img/img_highres/WOMEN/queries-for-the-trial against collection inshop-gallery";

        string title = RetrievalChart.Title(ReportSamples.Retrieval(withHnsw: false) with { Dataset = dataset });

        var lines = title.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.InRange(line.Length, 1, ChartTitle.MaxLineLength));
        Assert.StartsWith("images /home/someone/", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("against collection inshop-gallery:", lines[0], StringComparison.Ordinal);
        Assert.Contains('…', lines[0]);
        Assert.Equal("Recall@K, 1000 queries over 9000 gallery items", lines[1]);
    }

    [Fact]
    public void A_short_title_stays_on_one_line()
    {
        Assert.Equal("fashion-mnist: Recall@K, 1000 queries over 9000 gallery items", RetrievalChart.Title(ReportSamples.Retrieval(withHnsw: false)));
    }
}
