using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Flat;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Evaluation.Tests.Retrieval;

public class RetrievalEvaluatorHnswTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_hnsw_ranker_whose_ef_covers_the_gallery_scores_the_same_as_exact_search(bool leaveOneOut)
    {
        // Sparse ids (not row numbers) make the evaluator map the ranker's ids back to gallery rows.
        var gallery = RandomRows.Labeled(200, 16, labels: 8, seed: 1, id: i => 1000 + 7 * (ulong)i, unlabeledEvery: 25);
        var queries = leaveOneOut ? gallery : RandomRows.Labeled(40, 16, labels: 8, seed: 2);
        using var index = new HnswIndex(16);
        for (int i = 0; i < gallery.Count; i++)
            index.Upsert(gallery.Ids[i], gallery.Row(i));
        var settings = new RetrievalSettings { RecallTopK = [1, 5, 10], MapTopK = 10, HnswEf = 200, LeaveOneOut = leaveOneOut };

        var report = RetrievalEvaluator.Evaluate("random", queries, gallery, settings, RankerOf(index));

        Assert.NotNull(report.Hnsw);
        Assert.Equal(200, report.Hnsw.Ef);
        Assert.Equal(report.RecallAt, report.Hnsw.RecallAt);
        Assert.Equal(report.MapAt, report.Hnsw.MapAt);
        Assert.Equal(report.Rank1, report.Hnsw.Rank1);
    }

    [Fact]
    public void Hnsw_figures_come_from_the_ranker_and_exact_figures_from_exact_search()
    {
        // The line gallery of RetrievalEvaluatorTests, ranked by a "ranker" that returns the exact top 4 reversed:
        // q0 (A) B A A B, q1 (B) A B A B, q2 (A) B A B A: no hit at 1; a hit within 2 for all three;
        // AP@4 = (1/2 + 2/3) / 2 = 7/12, (1/2 + 2/4) / 2 = 1/2, 1/2, so mAP@4 = 19/36.
        var gallery = LineRows.Of((0, "A"), (1, "B"), (3, "A"), (6, "B"));
        var queries = LineRows.Of((0.9f, "A"), (5, "B"), (2.1f, "A"));
        var settings = new RetrievalSettings { RecallTopK = [1, 2], MapTopK = 4, Metric = Metric.L2 };

        var exactOnly = RetrievalEvaluator.Evaluate("line", queries, gallery, settings);
        var both = RetrievalEvaluator.Evaluate("line", queries, gallery, settings with { HnswEf = 10 }, ReversedExact(gallery, Metric.L2));

        Assert.Equal(exactOnly.RecallAt, both.RecallAt);
        Assert.Equal(exactOnly.MapAt, both.MapAt);
        Assert.Equal(exactOnly.Rank1, both.Rank1);
        ScoreAssert.Equal(both.Hnsw!.RecallAt, both.Hnsw.MapAt, both.Hnsw.Rank1, [(1, 0), (2, 100)], (4, 1900 / 36.0), 0);
    }

    [Fact]
    public void Progress_reports_each_search_to_its_end_and_a_cancelled_token_stops_the_evaluation()
    {
        var gallery = RandomRows.Labeled(300, 8, labels: 5, seed: 4);
        using var index = new HnswIndex(8);
        index.UpsertRange(gallery.Rows);
        var settings = new RetrievalSettings { HnswEf = 32, LeaveOneOut = true };
        var reports = new List<EvaluationProgress>();

        RetrievalEvaluator.Evaluate("random", gallery, gallery, settings, RankerOf(index), new ImmediateProgress<EvaluationProgress>(reports.Add));

        // 300 queries in blocks of 256: each search reports at the start of each block and at the end.
        Assert.Equal(new EvaluationProgress("exact search", 300, 300), reports.Last(p => p.Stage == "exact search"));
        Assert.Equal(new EvaluationProgress("HNSW search, ef=32", 300, 300), reports[^1]);
        Assert.Throws<OperationCanceledException>(() => RetrievalEvaluator.Evaluate("random", gallery, gallery, settings, RankerOf(index), cancellation: new CancellationToken(canceled: true)));
    }

    private static GalleryRanker RankerOf(HnswIndex index) => (query, count, ef, ids) =>
    {
        var hits = new SearchHit[count];
        int found = index.Search(query, count, ef, hits);
        for (int i = 0; i < found; i++)
            ids[i] = hits[i].Id;
        return found;
    };

    private static GalleryRanker ReversedExact(LabeledRows gallery, Metric metric)
    {
        var flat = new FlatIndex(gallery.Dimension, metric);
        for (int i = 0; i < gallery.Count; i++)
            flat.Add(gallery.Ids[i], gallery.Row(i));
        return (query, count, _, ids) =>
        {
            var hits = flat.Search(query, count);
            for (int i = 0; i < hits.Length; i++)
                ids[i] = hits[hits.Length - 1 - i].Id;
            return hits.Length;
        };
    }
}
