using ArcFace.VectorDb.Evaluation.Retrieval;
using FsCheck.Xunit;

namespace ArcFace.VectorDb.Evaluation.Tests.Retrieval;

/// <summary>The evaluator reads queries in blocks: any block size, in any order, gives the very figures of one pass over all rows.</summary>
public class RetrievalBlockProperties
{
    [Property(MaxTest = 40)]
    public void Figures_do_not_depend_on_the_block_size_or_the_order_the_blocks_come_in(int seed, byte size, bool leaveOneOut, bool integrate)
    {
        var gallery = RandomRows.Labeled(150, 6, labels: 9, seed: seed, unlabeledEvery: 11);
        var queries = leaveOneOut ? gallery : RandomRows.Labeled(60, 6, labels: 12, seed: seed + 1, unlabeledEvery: 7);
        var settings = new RetrievalSettings
        {
            RecallTopK = [1, 5, 20], MapTopK = 10, LeaveOneOut = leaveOneOut, ApMode = integrate ? AveragePrecisionMode.Integrate : AveragePrecisionMode.Ir,
        };

        var whole = RetrievalEvaluator.Evaluate("rows", queries, gallery, settings);
        var blocks = RetrievalEvaluator.Evaluate("rows", new ShuffledBlocks(queries, 1 + size % 64, seed), new LabeledRowsGallery(gallery, settings.Metric), settings);

        Assert.Equal(whole.RecallAt, blocks.RecallAt);
        Assert.Equal(whole.MapAt, blocks.MapAt);
        Assert.Equal(whole.Rank1, blocks.Rank1);
        Assert.Equal(whole.QueriesWithoutRelevant, blocks.QueriesWithoutRelevant);
    }

    /// <summary>The blocks of <see cref="LabeledRowsQueries"/>, in a shuffled order.</summary>
    private sealed class ShuffledBlocks(LabeledRows rows, int blockSize, int seed) : IRetrievalQueries
    {
        public int Count => rows.Count;

        public int Dimension => rows.Dimension;

        public IEnumerable<RetrievalQueryBlock> Blocks(CancellationToken cancellation)
        {
            var blocks = new LabeledRowsQueries(rows, blockSize).Blocks(cancellation).ToArray();
            new Random(seed).Shuffle(blocks);
            return blocks;
        }
    }
}
