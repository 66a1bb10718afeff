using ArcFace.VectorDb.Core.Flat;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Evaluation.Ann;

namespace ArcFace.VectorDb.Evaluation.Tests.Ann;

public class AnnSweepTests
{
    private const int Dim = 16;

    [Fact]
    public void Recall_is_one_when_the_index_holds_every_exact_answer_and_ef_covers_the_set()
    {
        var (rows, queries) = Data(300, 30);
        using var index = new HnswIndex(Dim);
        index.UpsertRange(rows);
        var truth = ExactIds(rows, queries, 5);

        var run = AnnSweep.Run(index, queries, 30, truth, 5, k: 5, ef: 300);

        Assert.Equal(300, run.Ef);
        Assert.Equal(1.0, run.Recall, 12);
        Assert.True(run.Qps > 0);
        Assert.True(run.P50Us > 0 && run.P99Us >= run.P50Us);
    }

    [Fact]
    public void Wrong_ground_truth_gives_zero_recall()
    {
        var (rows, queries) = Data(200, 10);
        using var index = new HnswIndex(Dim);
        index.UpsertRange(rows);
        var truth = Enumerable.Repeat(-1, 10 * 3).ToArray();

        Assert.Equal(0.0, AnnSweep.Run(index, queries, 10, truth, 3, k: 3, ef: 50).Recall);
    }

    [Fact]
    public void Ground_truth_narrower_than_k_is_rejected()
    {
        var (rows, queries) = Data(50, 2);
        using var index = new HnswIndex(Dim);
        index.UpsertRange(rows);
        var error = Assert.Throws<ArgumentException>(() => AnnSweep.Run(index, queries, 2, new int[2 * 3], 3, k: 10, ef: 10));
        Assert.Contains("recall@10 needs at least 10", error.Message);
    }

    private static (float[] Rows, float[] Queries) Data(int n, int q)
    {
        var random = new Random(3);
        float[] Make(int count) => Enumerable.Range(0, count * Dim).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        return (Make(n), Make(q));
    }

    private static int[] ExactIds(float[] rows, float[] queries, int k)
    {
        var flat = new FlatIndex(Dim);
        flat.AddRange(rows);
        return flat.SearchBatch(queries, k).SelectMany(hits => hits.Select(h => (int)h.Id)).ToArray();
    }
}
