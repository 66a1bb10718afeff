using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Evaluation.Ann;

namespace ArcFace.VectorDb.Evaluation.Tests.Ann;

/// <summary>The overloads over ulong ids, which a collection's sparse ids need.</summary>
public class RecallAtKIdTests
{
    private const ulong Missing = RecallAtK.Missing;

    [Fact]
    public void Sparse_ids_count_as_found_wherever_they_sit()
    {
        Assert.Equal(1.0, RecallAtK.OfQuery([9_000_000_007, 42], [42, 9_000_000_007]));
        Assert.Equal(0.5, RecallAtK.OfQuery([9_000_000_007, 43], [42, 9_000_000_007]));
    }

    [Fact]
    public void A_missing_truth_slot_never_counts_even_when_the_results_are_missing_too()
    {
        // Truth 5, -, -: one hit of three, though the found list holds the Missing marker as well.
        Assert.Equal(1 / 3.0, RecallAtK.OfQuery([5, Missing, Missing], [5, Missing, Missing]), 12);
    }

    [Fact]
    public void Large_k_over_ids_gives_the_same_answer_as_small_k()
    {
        var truth = Enumerable.Range(0, 100).Select(i => (ulong)i << 40).ToArray();
        var found = Enumerable.Range(25, 100).Select(i => (ulong)i << 40).ToArray();
        Assert.Equal(0.75, RecallAtK.OfQuery(found, truth), 12);
    }

    [Fact]
    public void The_id_sweep_refuses_narrow_truth_and_too_few_result_slots_before_searching()
    {
        using var index = new HnswIndex(4);
        index.Upsert(7, [1, 0, 0, 0]);
        var queries = new float[2 * 4];

        var narrow = Assert.Throws<ArgumentException>(() => AnnSweep.Run(index, queries, 2, new ulong[2 * 3], truthWidth: 3, k: 5, ef: 10));
        var fewSlots = Assert.Throws<ArgumentException>(() => AnnSweep.Run(index, queries, 2, new ulong[2 * 5], truthWidth: 5, k: 5, ef: 10, found: new ulong[9]));

        Assert.Contains("recall@5 needs at least 5", narrow.Message);
        Assert.Contains("9 result slots are fewer than 2 queries × 5", fewSlots.Message);
    }
}
