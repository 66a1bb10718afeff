using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Reports;

namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

public class AnnMarkdownTests
{
    [Fact]
    public void Header_names_the_data_set_the_index_parameters_the_build_and_the_index_size()
    {
        string text = AnnMarkdown.Write(ReportSamples.AnnSweep());

        Assert.StartsWith("# ANN benchmark: synthetic-5k\n", text, StringComparison.Ordinal);
        Assert.Contains("n = 5000, dim = 64", text, StringComparison.Ordinal);
        Assert.Contains("M = 16, efConstruction = 200, stranded nodes linked", text, StringComparison.Ordinal);
        Assert.Contains("- build: 3.25 s on 2 thread(s)", text, StringComparison.Ordinal);
        Assert.Contains("2345678 bytes (2.2 MiB), 1.062× raw vectors", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_graph_shape_is_a_line_of_its_own_only_when_the_report_has_one()
    {
        var shaped = ReportSamples.AnnSweep() with { Graph = new Core.Hnsw.HnswStatistics([5000, 310, 20], [25.04, 15.955, 10.5], [0, 1], 3, 2) };

        Assert.Contains("- graph: nodes per level 5000 / 310 / 20; mean links per level 25.04 / 15.96 / 10.50; level 0: 3 nodes without in-links, 2 unreachable from the entry\n", AnnMarkdown.Write(shaped), StringComparison.Ordinal);
        Assert.DoesNotContain("- graph:", AnnMarkdown.Write(ReportSamples.AnnSweep()), StringComparison.Ordinal);
    }

    [Fact]
    public void Table_has_one_row_per_ef_with_recall_qps_and_latencies()
    {
        string text = AnnMarkdown.Write(ReportSamples.AnnSweep());

        Assert.Contains("| ef | recall@10 | QPS | p50 µs | p99 µs |\n| ---: | ---: | ---: | ---: | ---: |\n", text, StringComparison.Ordinal);
        Assert.Contains("| 10 | 0.7125 | 41235 | 21.4 | 60.2 |\n", text, StringComparison.Ordinal);
        Assert.Contains("| 512 | 0.9995 | 1900 | 500.0 | 900.0 |\n", text, StringComparison.Ordinal);
        Assert.Equal(4 + 2, text.Split('\n').Count(line => line.StartsWith('|')));
    }

    [Fact]
    public void A_single_run_gives_a_single_row()
    {
        string text = AnnMarkdown.Write(ReportSamples.Ann(new AnnRun(64, 0.95, 10_000, 90, 200)));

        Assert.Contains("| 64 | 0.9500 | 10000 | 90.0 | 200.0 |\n", text, StringComparison.Ordinal);
        Assert.Equal(1 + 2, text.Split('\n').Count(line => line.StartsWith('|')));
    }

    [Fact]
    public void An_index_loaded_from_a_snapshot_names_the_snapshot_instead_of_a_build_time()
    {
        var report = ReportSamples.AnnSweep() with { BuildSeconds = null, LoadedFrom = "/tmp/index.hnsw" };

        string text = AnnMarkdown.Write(report);

        Assert.Contains("- build: none here; index loaded from `/tmp/index.hnsw`", text, StringComparison.Ordinal);
    }
}
