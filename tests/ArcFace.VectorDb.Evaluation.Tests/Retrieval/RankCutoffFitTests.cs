using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Evaluation.Tests.Retrieval;

public class RankCutoffFitTests
{
    private static readonly RetrievalSettings Defaults = new() { RecallTopKIsDefault = true, MapTopKIsDefault = true };

    [Fact]
    public void Default_ks_beyond_the_gallery_are_left_out_each_with_a_note()
    {
        var (settings, notes) = RankCutoffFit.Apply(Defaults with { LeaveOneOut = true }, galleryCount: 4);

        Assert.Equal([1], settings.RecallTopK);
        Assert.Null(settings.MapTopK);
        Assert.Equal(
            [
                "Recall@5 is left out: K = 5 is a default, and the gallery holds only 4 items besides the query.",
                "Recall@10 is left out: K = 10 is a default, and the gallery holds only 4 items besides the query.",
                "mAP@10 is left out: K = 10 is a default, and the gallery holds only 4 items besides the query.",
            ],
            notes);
    }

    [Fact]
    public void Ks_that_fit_are_kept_without_a_note()
    {
        var (settings, notes) = RankCutoffFit.Apply(Defaults, galleryCount: 10);

        Assert.Equal([1, 5, 10], settings.RecallTopK);
        Assert.Equal(10, settings.MapTopK);
        Assert.Empty(notes);
    }

    [Theory]
    [InlineData(false, true, 5)]
    [InlineData(true, false, 10)]
    public void A_k_asked_for_beyond_the_gallery_is_refused_even_beside_defaults_that_are_left_out(bool recallIsDefault, bool mapIsDefault, int refused)
    {
        var asked = Defaults with { RecallTopK = [1, 5], RecallTopKIsDefault = recallIsDefault, MapTopKIsDefault = mapIsDefault };

        var error = Assert.Throws<ArgumentException>(() => RankCutoffFit.Apply(asked, galleryCount: 3));

        Assert.Equal($"Top-{refused} asks for more gallery items than the 3 there are.", error.Message);
    }

    [Fact]
    public void An_hnsw_ef_below_the_largest_k_is_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => RankCutoffFit.Apply(Defaults with { HnswEf = 8 }, galleryCount: 100));

        Assert.StartsWith("HNSW ef = 8 is below the largest K, 10:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ef_is_held_against_the_ks_kept_not_the_defaults_left_out()
    {
        var (settings, _) = RankCutoffFit.Apply(Defaults with { HnswEf = 3 }, galleryCount: 3);

        Assert.Equal((3, 1), (settings.HnswEf, settings.Depth));
    }

    [Fact]
    public void A_gallery_with_nothing_to_rank_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => RankCutoffFit.Apply(Defaults with { LeaveOneOut = true }, galleryCount: 0));

        Assert.Equal("There are no gallery items to rank besides the query.", error.Message);
    }
}
