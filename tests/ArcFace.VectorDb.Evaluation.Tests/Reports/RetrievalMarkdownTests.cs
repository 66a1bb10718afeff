using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

public class RetrievalMarkdownTests
{
    [Fact]
    public void Header_names_queries_gallery_ap_mode_and_rank1()
    {
        string text = RetrievalMarkdown.Write(ReportSamples.Retrieval(withHnsw: true));

        Assert.StartsWith("# Retrieval evaluation: fashion-mnist\n", text, StringComparison.Ordinal);
        Assert.Contains("- queries: 1000 (3 without any relevant gallery item)\n", text, StringComparison.Ordinal);
        Assert.Contains("- gallery: 9000\n", text, StringComparison.Ordinal);
        Assert.Contains("- AP mode: ir\n", text, StringComparison.Ordinal);
        Assert.Contains("- rank-1: 82.50 (exact), 82.00 (HNSW ef=64)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Recall_and_map_tables_put_hnsw_beside_exact_with_k_in_numeric_order()
    {
        string text = RetrievalMarkdown.Write(ReportSamples.Retrieval(withHnsw: true));

        Assert.Contains(
            "| K | Recall@K (exact) | Recall@K (HNSW ef=64) |\n| ---: | ---: | ---: |\n| 1 | 82.25 | 81.75 |\n| 5 | 94.13 | 93.50 |\n| 10 | 97.50 | 96.88 |\n",
            text, StringComparison.Ordinal);
        Assert.Contains(
            "| K | mAP@K (exact) | mAP@K (HNSW ef=64) |\n| ---: | ---: | ---: |\n| 1 | 82.25 | 81.75 |\n| 5 | 61.50 | 60.25 |\n| 10 | 55.75 | 54.50 |\n",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_hnsw_the_tables_have_only_the_exact_column()
    {
        string text = RetrievalMarkdown.Write(ReportSamples.Retrieval(withHnsw: false));

        Assert.Contains("| K | Recall@K (exact) |\n| ---: | ---: |\n| 1 | 82.25 |\n", text, StringComparison.Ordinal);
        Assert.Contains("- rank-1: 82.50 (exact)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("HNSW", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_explains_why_map_at_k_sits_far_below_recall_at_k()
    {
        string text = RetrievalMarkdown.Write(ReportSamples.Retrieval(withHnsw: false));

        Assert.Contains("divides each query's precision sum by all its relevant gallery items, not by K", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_are_listed_and_a_report_without_map_has_no_map_table_nor_its_explanation()
    {
        var report = ReportSamples.Retrieval(withHnsw: false) with { MapAt = new Dictionary<string, double>(), Notes = ["mAP@10 is left out: it does not fit."] };

        string text = RetrievalMarkdown.Write(report);

        Assert.Contains("- note: mAP@10 is left out: it does not fit.\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mAP@K (exact)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(MapBelowRecall.Note, text, StringComparison.Ordinal);
    }
}
