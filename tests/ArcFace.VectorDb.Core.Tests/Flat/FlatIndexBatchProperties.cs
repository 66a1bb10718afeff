using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Flat;
using ArcFace.VectorDb.Core.Tests.Support;
using FsCheck.Xunit;

namespace ArcFace.VectorDb.Core.Tests.Flat;

/// <summary>Exact search answers a query the same to the last bit whether it comes alone or anywhere in a batch.</summary>
public class FlatIndexBatchProperties
{
    [Property(MaxTest = 60)]
    public void A_query_gets_the_same_hits_and_scores_alone_as_at_any_place_in_a_batch(int seed, bool l2, byte size)
    {
        const int dim = 19, k = 10;
        int count = 1 + size % 23;
        var index = new FlatIndex(dim, l2 ? Metric.L2 : Metric.InnerProduct);
        index.AddRange(ClusteredVectors.Generate(300, dim, clusters: 5, seed: seed));
        var queries = ClusteredVectors.Generate(count, dim, clusters: 5, seed: seed + 1);
        var reversed = new float[queries.Length];
        for (int q = 0; q < count; q++)
            queries.AsSpan(q * dim, dim).CopyTo(reversed.AsSpan((count - 1 - q) * dim));

        var batch = index.SearchBatch(queries, k, maxThreads: 1);
        var backwards = index.SearchBatch(reversed, k, maxThreads: 1);

        for (int q = 0; q < count; q++)
        {
            var alone = index.Search(queries.AsSpan(q * dim, dim), k);
            Assert.Equal(alone, batch[q]);
            Assert.Equal(alone, backwards[count - 1 - q]);
        }
    }
}
