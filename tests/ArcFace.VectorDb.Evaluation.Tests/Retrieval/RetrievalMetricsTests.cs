using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Evaluation.Tests.Retrieval;

public class RetrievalMetricsTests
{
    private const int Precision = 10;

    [Fact]
    public void Ap_ir_divides_the_precisions_at_found_ranks_by_all_relevant_items_even_those_past_k()
    {
        // Gallery labels a b a c a: three items carry "a". Ranking 0,1,2 finds them at ranks 0 and 2; item 4 lies past K = 3.
        // AP_ir = (1/1 + 2/3) / 3 = 5/9.
        var scores = Score(["a"], ["a", "b", "a", "c", "a"], ranking: [0, 1, 2], k: 3, AveragePrecisionMode.Ir);
        Assert.Equal(100 * 5 / 9.0, scores.MapAt["3"], Precision);
    }

    [Fact]
    public void Ap_integrate_averages_the_precision_before_and_after_each_found_item()
    {
        // Same ranking: rank 0 gives (1 + 1/1) / 2 = 1 (precision before the first item counts as 1),
        // rank 2 gives (1/2 + 2/3) / 2 = 7/12; divided by 3 relevant: (1 + 7/12) / 3 = 19/36.
        var scores = Score(["a"], ["a", "b", "a", "c", "a"], ranking: [0, 1, 2], k: 3, AveragePrecisionMode.Integrate);
        Assert.Equal(100 * 19 / 36.0, scores.MapAt["3"], Precision);
    }

    [Fact]
    public void Ap_modes_agree_with_hand_sums_on_a_longer_ranking()
    {
        // Relevant flags along the ranking 1 0 1 0 0 1 0 0 1 1: found at ranks 0, 2, 5, 8, 9, five relevant in all.
        // IR: (1 + 2/3 + 3/6 + 4/9 + 5/10) / 5 = 28/45.
        // Integrate: (1 + (1/2 + 2/3)/2 + (2/5 + 3/6)/2 + (3/8 + 4/9)/2 + (4/9 + 5/10)/2) / 5 = 2099/3600.
        string[] gallery = ["y", "n", "y", "n", "n", "y", "n", "n", "y", "y"];
        int[] ranking = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        Assert.Equal(100 * 28 / 45.0, Score(["y"], gallery, ranking, 10, AveragePrecisionMode.Ir).MapAt["10"], Precision);
        Assert.Equal(100 * 2099 / 3600.0, Score(["y"], gallery, ranking, 10, AveragePrecisionMode.Integrate).MapAt["10"], Precision);
    }

    [Fact]
    public void Map_counts_a_gallery_item_with_two_labels_for_each_query_sharing_either()
    {
        // 206 gallery items ranked 0..9 for three queries; item 2 carries both b and c.
        // a: items 0 3 6 8 35 -> ranks 0 3 6 8 of 5: (1 + 2/4 + 3/7 + 4/9) / 5
        // b: items 1 2 54 105 -> ranks 1 2 of 4:    (1/2 + 2/3) / 4
        // c: items 2 42 205   -> rank 2 of 3:       (1/3) / 3
        var galleryLabels = Enumerable.Range(0, 206).Select(_ => new[] { "z" }).ToArray();
        foreach (int g in new[] { 0, 3, 6, 8, 35 })
            galleryLabels[g] = ["a"];
        foreach (int g in new[] { 1, 54, 105 })
            galleryLabels[g] = ["b"];
        foreach (int g in new[] { 42, 205 })
            galleryLabels[g] = ["c"];
        galleryLabels[2] = ["b", "c"];
        var vocabulary = new LabelVocabulary();
        var queries = LabelSets.FromStrings([["a"], ["b"], ["c"]], vocabulary);
        var gallery = LabelSets.FromStrings(galleryLabels, vocabulary);
        int[] ranked = [.. Enumerable.Range(0, 10), .. Enumerable.Range(0, 10), .. Enumerable.Range(0, 10)];

        var scores = RetrievalMetrics.Compute(ranked, 10, queries, gallery, [1, 10], 10, AveragePrecisionMode.Ir);

        double expected = ((1 + 2 / 4.0 + 3 / 7.0 + 4 / 9.0) / 5 + (1 / 2.0 + 2 / 3.0) / 4 + (1 / 3.0) / 3) / 3;
        Assert.Equal(100 * expected, scores.MapAt["10"], Precision);
        Assert.Equal(100 / 3.0, scores.RecallAt["1"], Precision);
        Assert.Equal(100, scores.RecallAt["10"], Precision);
        Assert.Equal(100 / 3.0, scores.Rank1, Precision);
    }

    [Fact]
    public void A_query_with_two_labels_counts_an_item_carrying_both_once()
    {
        // Query {a, b}; gallery [a] [b] [c] [a, b]: relevant items 0, 1, 3 (three, item 3 once).
        // Ranking 2 3 0 1 finds them at ranks 1, 2, 3: AP_ir = (1/2 + 2/3 + 3/4) / 3 = 23/36.
        var vocabulary = new LabelVocabulary();
        var queries = LabelSets.FromStrings([["a", "b"]], vocabulary);
        var gallery = LabelSets.FromStrings([["a"], ["b"], ["c"], ["a", "b"]], vocabulary);

        var scores = RetrievalMetrics.Compute([2, 3, 0, 1], 4, queries, gallery, [1, 2], 4, AveragePrecisionMode.Ir);

        Assert.Equal(100 * 23 / 36.0, scores.MapAt["4"], Precision);
        Assert.Equal(0, scores.RecallAt["1"]);
        Assert.Equal(100, scores.RecallAt["2"]);
        Assert.Equal(0, scores.Rank1);
    }

    [Fact]
    public void Recall_at_k_is_the_share_of_queries_with_a_relevant_item_in_the_top_k()
    {
        // Single-label: query 0 hits at rank 0, query 1 first at rank 2, query 2 never within the top 3.
        var queries = LabelSets.FromSingle([0, 1, 2]);
        var gallery = LabelSets.FromSingle([0, 1, 2, 3, 1, 2]);
        int[] ranked = [0, 3, 1, /**/ 3, 0, 4, /**/ 0, 1, 3];

        var scores = RetrievalMetrics.Compute(ranked, 3, queries, gallery, [1, 2, 3], 3, AveragePrecisionMode.Ir);

        Assert.Equal(100 / 3.0, scores.RecallAt["1"], Precision);
        Assert.Equal(100 / 3.0, scores.RecallAt["2"], Precision);
        Assert.Equal(200 / 3.0, scores.RecallAt["3"], Precision);
        // AP: query 0 = (1/1) / 1; query 1 = (1/3) / 2 (items 1 and 4 carry label 1); query 2 = 0 / 2.
        Assert.Equal(100 * (1 + 1 / 6.0 + 0) / 3, scores.MapAt["3"], Precision);
    }

    [Fact]
    public void A_query_without_relevant_items_misses_in_recall_scores_zero_in_map_and_is_left_out_of_rank1()
    {
        // Query 0 (label a) finds its only relevant item at rank 0. Query 1 (label q) has none in the gallery.
        var vocabulary = new LabelVocabulary();
        var queries = LabelSets.FromStrings([["a"], ["q"]], vocabulary);
        var gallery = LabelSets.FromStrings([["a"], ["b"]], vocabulary);

        var scores = RetrievalMetrics.Compute([0, 1, 0, 1], 2, queries, gallery, [1, 2], 2, AveragePrecisionMode.Ir);

        Assert.Equal(50, scores.RecallAt["1"], Precision);
        Assert.Equal(50, scores.RecallAt["2"], Precision);
        Assert.Equal(50, scores.MapAt["2"], Precision);
        Assert.Equal(100, scores.Rank1, Precision);
        Assert.Equal([1, 0], RelevantCounts.Of(queries, gallery));
    }

    [Fact]
    public void The_ranking_is_taken_as_given_so_the_order_of_tied_items_decides_rank1()
    {
        // Items 0 and 1 may have scored the same; the caller's order is kept, never re-sorted.
        var queries = LabelSets.FromSingle([0]);
        var gallery = LabelSets.FromSingle([0, 1]);
        Assert.Equal(100, RetrievalMetrics.Compute([0, 1], 2, queries, gallery, [1], 1, AveragePrecisionMode.Ir).Rank1);
        Assert.Equal(0, RetrievalMetrics.Compute([1, 0], 2, queries, gallery, [1], 1, AveragePrecisionMode.Ir).Rank1);
    }

    [Fact]
    public void Empty_slots_in_a_short_result_list_count_as_misses()
    {
        var queries = LabelSets.FromSingle([0]);
        var gallery = LabelSets.FromSingle([1, 0]);
        var scores = RetrievalMetrics.Compute([-1, 1], 2, queries, gallery, [1, 2], 2, AveragePrecisionMode.Ir);
        Assert.Equal(0, scores.RecallAt["1"]);
        Assert.Equal(100, scores.RecallAt["2"]);
        Assert.Equal(50, scores.MapAt["2"], Precision);
    }

    [Fact]
    public void K_larger_than_the_gallery_is_refused_with_the_sizes_in_the_message()
    {
        var queries = LabelSets.FromSingle([0]);
        var gallery = LabelSets.FromSingle([0, 1]);
        var error = Assert.Throws<ArgumentException>(() =>
            RetrievalMetrics.Compute([0, 1, 0], 3, queries, gallery, [3], 1, AveragePrecisionMode.Ir));
        Assert.Contains("K = 3", error.Message);
        Assert.Contains("2 items", error.Message);
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.Compute([0, 1], 2, queries, gallery, [1], 3, AveragePrecisionMode.Ir));
    }

    [Fact]
    public void K_below_one_a_ranking_narrower_than_k_or_of_the_wrong_length_is_refused()
    {
        var queries = LabelSets.FromSingle([0]);
        var gallery = LabelSets.FromSingle([0, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrievalMetrics.Compute([0, 1], 2, queries, gallery, [0], 1, AveragePrecisionMode.Ir));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrievalMetrics.Compute([0, 1], 2, queries, gallery, [1], 0, AveragePrecisionMode.Ir));
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.Compute([0], 1, queries, gallery, [2], 1, AveragePrecisionMode.Ir));
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.Compute([0, 1, 0], 2, queries, gallery, [1], 1, AveragePrecisionMode.Ir));
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.Compute([0, 7], 2, queries, gallery, [2], 1, AveragePrecisionMode.Ir));
    }

    private static RetrievalScores Score(string[] query, string[] gallery, int[] ranking, int k, AveragePrecisionMode mode)
    {
        var vocabulary = new LabelVocabulary();
        return RetrievalMetrics.Compute(
            ranking, ranking.Length,
            LabelSets.FromStrings([query], vocabulary),
            LabelSets.FromStrings([.. gallery.Select(label => new[] { label })], vocabulary),
            [k], k, mode);
    }
}
