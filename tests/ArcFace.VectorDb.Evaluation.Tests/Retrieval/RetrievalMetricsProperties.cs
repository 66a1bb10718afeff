using ArcFace.VectorDb.Evaluation.Retrieval;
using FsCheck.Xunit;

namespace ArcFace.VectorDb.Evaluation.Tests.Retrieval;

/// <summary>Random small label sets and rankings, checked against what the metrics must always satisfy.</summary>
public class RetrievalMetricsProperties
{
    private const int Gallery = 12;

    [Property(MaxTest = 200)]
    public void Recall_never_falls_as_k_grows_and_every_figure_is_a_percentage(byte[] queryLabels, byte[] galleryLabels, int seed, bool integrate)
    {
        var queries = LabelSets.FromSingle(Labels(queryLabels, 1));
        var gallery = LabelSets.FromSingle(Labels(galleryLabels, Gallery));
        var ranked = Rankings(queries.Count, seed);
        int[] ks = [.. Enumerable.Range(1, Gallery)];

        var scores = RetrievalMetrics.Compute(ranked, Gallery, queries, gallery, ks, Gallery,
            integrate ? AveragePrecisionMode.Integrate : AveragePrecisionMode.Ir);

        for (int k = 2; k <= Gallery; k++)
            Assert.True(scores.RecallAt[$"{k}"] >= scores.RecallAt[$"{k - 1}"]);
        Assert.InRange(scores.MapAt[$"{Gallery}"], 0, 100 + 1e-9);
        Assert.InRange(scores.Rank1, 0, 100);
    }

    [Property(MaxTest = 200)]
    public void Relevant_counts_equal_a_pairwise_count_for_multi_label_items(byte[][] queryLabels, byte[][] galleryLabels)
    {
        var vocabulary = new LabelVocabulary();
        var queries = LabelSets.FromStrings(Strings(queryLabels), vocabulary);
        var gallery = LabelSets.FromStrings(Strings(galleryLabels), vocabulary);

        var counts = RelevantCounts.Of(queries, gallery);

        for (int q = 0; q < queries.Count; q++)
        {
            int pairwise = 0;
            for (int g = 0; g < gallery.Count; g++)
                pairwise += queries[q].ToArray().Intersect(gallery[g].ToArray()).Any() ? 1 : 0;
            Assert.Equal(pairwise, counts[q]);
        }
    }

    /// <summary>Labels 0–4 (small, so items often share them), padded to at least the given count.</summary>
    private static int[] Labels(byte[] raw, int atLeast) =>
        [.. (raw ?? []).Concat(new byte[Math.Max(0, atLeast - (raw?.Length ?? 0))]).Select(b => b % 5)];

    private static string[][] Strings(byte[][] raw) =>
        [.. (raw ?? []).Select(item => (item ?? []).Take(3).Select(b => $"l{b % 6}").ToArray())];

    /// <summary>Each query's ranking is a random permutation of the whole gallery.</summary>
    private static int[] Rankings(int queries, int seed)
    {
        var random = new Random(seed);
        var ranked = new int[queries * Gallery];
        for (int q = 0; q < queries; q++)
        {
            var row = ranked.AsSpan(q * Gallery, Gallery);
            for (int g = 0; g < Gallery; g++)
                row[g] = g;
            random.Shuffle(row);
        }
        return ranked;
    }
}
