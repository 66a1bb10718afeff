using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Evaluation.Tests.Retrieval;

public class RetrievalEvaluatorTests
{
    private static readonly RetrievalSettings RecallAt1And2MapAt4 = new() { RecallTopK = [1, 2], MapTopK = 4, Metric = Metric.L2 };

    // Gallery on the x axis: g0 = 0 (A), g1 = 1 (B), g2 = 3 (A), g3 = 6 (B).
    private static readonly LabeledRows Gallery = LineRows.Of((0, "A"), (1, "B"), (3, "A"), (6, "B"));

    // q0 = 0.9 (A): distances g1 .1, g0 .9, g2 2.1, g3 5.1 -> B A A B: miss at 1, AP = (1/2 + 2/3) / 2 = 7/12.
    // q1 = 5 (B):   distances g3 1, g2 2, g1 4, g0 5       -> B A B A: hit at 1,  AP = (1 + 2/3) / 2 = 5/6.
    // q2 = 2.1 (A): distances g2 .9, g1 1.1, g0 2.1, g3 3.9 -> A B A B: hit at 1, AP = (1 + 2/3) / 2 = 5/6.
    private static readonly LabeledRows Queries = LineRows.Of((0.9f, "A"), (5, "B"), (2.1f, "A"));

    [Fact]
    public void Exact_search_ranks_by_distance_and_scores_recall_map_and_rank1_as_computed_by_hand()
    {
        var report = RetrievalEvaluator.Evaluate("line", Queries, Gallery, RecallAt1And2MapAt4);

        // Recall@1: q1, q2 of 3. Recall@2: all 3. mAP@4: (7/12 + 5/6 + 5/6) / 3 = 3/4. Rank-1 as Recall@1.
        ScoreAssert.Equal(report.RecallAt, report.MapAt, report.Rank1, [(1, 200 / 3.0), (2, 100)], (4, 75), 200 / 3.0);
        Assert.Equal(("line", 3, 4, 0, "ir"), (report.Dataset, report.Queries, report.Gallery, report.QueriesWithoutRelevant, report.ApMode));
        Assert.Null(report.Hnsw);
    }

    [Fact]
    public void Queries_without_a_relevant_item_are_counted_and_score_as_misses_but_stay_out_of_rank1()
    {
        // The three queries above plus q3 = 0 (label C, which no gallery item has) and q4 = 4 (no label).
        var queries = LineRows.Of((0.9f, "A"), (5, "B"), (2.1f, "A"), (0, "C"), (4, ""));

        var report = RetrievalEvaluator.Evaluate("line", queries, Gallery, RecallAt1And2MapAt4);

        // Recall@1 2/5, Recall@2 3/5, mAP@4 (7/12 + 5/6 + 5/6 + 0 + 0) / 5 = 9/20; rank-1 only over the 3 with a relevant item: 2/3.
        ScoreAssert.Equal(report.RecallAt, report.MapAt, report.Rank1, [(1, 40), (2, 60)], (4, 45), 200 / 3.0);
        Assert.Equal(2, report.QueriesWithoutRelevant);
    }

    [Fact]
    public void Leave_one_out_never_ranks_the_query_itself_and_counts_one_relevant_item_per_query()
    {
        // x = 0 A, 1 A, 10 B, 12 C, 13 B, 30 C: each label twice, so once the query is out exactly one item is relevant.
        // Nearest others, in order: p0: p1(A) | p1: p0(A) | p2: p3(C) p4(B) | p3: p4 p2 p1 p0 p5(C) | p4: p3(C) p2(B) | p5: p4(B) p3(C).
        // The relevant item sits at rank 1, 1, 2, 5, 2, 2, so AP@5 = 1/rank: (1 + 1 + 1/2 + 1/5 + 1/2 + 1/2) / 6 = 3.7 / 6.
        var points = LineRows.Of((0, "A"), (1, "A"), (10, "B"), (12, "C"), (13, "B"), (30, "C"));
        var settings = new RetrievalSettings { RecallTopK = [1, 2], MapTopK = 5, Metric = Metric.L2, LeaveOneOut = true };

        var report = RetrievalEvaluator.Evaluate("line", points, points, settings);

        ScoreAssert.Equal(report.RecallAt, report.MapAt, report.Rank1, [(1, 100 / 3.0), (2, 500 / 6.0)], (5, 370 / 6.0), 100 / 3.0);
        Assert.Equal((6, 5, 0), (report.Queries, report.Gallery, report.QueriesWithoutRelevant));
    }

    [Fact]
    public void Top_k_beyond_the_gallery_is_refused_and_leave_one_out_leaves_one_item_fewer()
    {
        var points = LineRows.Of((0, "A"), (1, "A"), (10, "B"), (12, "C"), (13, "B"), (30, "C"));
        var leaveOneOut = new RetrievalSettings { RecallTopK = [1], MapTopK = 6, Metric = Metric.L2, LeaveOneOut = true };

        var beyondGallery = Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate("line", Queries, Gallery, RecallAt1And2MapAt4 with { RecallTopK = [5] }));
        var beyondOthers = Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate("line", points, points, leaveOneOut));

        Assert.Contains("Top-5 asks for more gallery items than the 4 there are", beyondGallery.Message);
        Assert.Contains("Top-6 asks for more gallery items than the 5 there are besides the query", beyondOthers.Message);
    }

    [Fact]
    public void Leave_one_out_over_different_rows_and_an_hnsw_ef_without_a_ranker_are_refused()
    {
        var copy = Gallery with { };
        var leaveOneOut = RecallAt1And2MapAt4 with { RecallTopK = [1], MapTopK = 3, LeaveOneOut = true };

        Assert.Contains("same rows", Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate("line", copy, Gallery, leaveOneOut)).Message);
        Assert.Contains("without an index", Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate("line", Queries, Gallery, RecallAt1And2MapAt4 with { HnswEf = 10 })).Message);
    }
}
