using ArcFace.VectorDb.Evaluation.Ann;

namespace ArcFace.VectorDb.Evaluation.Tests.Ann;

public class RecallAtKTests
{
    [Fact]
    public void Recall_counts_the_exact_ids_found_regardless_of_their_order()
    {
        Assert.Equal(1.0, RecallAtK.OfQuery([3, 2, 1], [1, 2, 3]));
        Assert.Equal(2 / 3.0, RecallAtK.OfQuery([1, 2, 9], [1, 2, 3]), 12);
        Assert.Equal(0.0, RecallAtK.OfQuery([7, 8, 9], [1, 2, 3]));
    }

    [Fact]
    public void Missing_results_count_as_misses()
    {
        Assert.Equal(0.5, RecallAtK.OfQuery([1, ulong.MaxValue], [1, 2]));
    }

    [Fact]
    public void Large_k_gives_the_same_answer_as_small_k_logic()
    {
        var truth = Enumerable.Range(0, 100).ToArray();
        var found = Enumerable.Range(50, 100).Select(i => (ulong)i).ToArray();
        Assert.Equal(0.5, RecallAtK.OfQuery(found, truth), 12);
    }
}
