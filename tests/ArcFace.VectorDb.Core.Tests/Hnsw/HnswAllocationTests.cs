using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Core.Tests.Support;

namespace ArcFace.VectorDb.Core.Tests.Hnsw;

public class HnswAllocationTests
{
    private readonly struct EvenIds : IIdFilter
    {
        public bool Accept(ulong id) => id % 2 == 0;
    }

    [Theory]
    [InlineData(10, 64)]
    [InlineData(100, 1000)]
    public void A_warm_search_allocates_nothing_with_or_without_a_filter(int k, int ef)
    {
        const int dim = 32;
        var rows = ClusteredVectors.Generate(3000, dim, clusters: 300, seed: 41);
        using var index = new HnswIndex(dim);
        index.UpsertRange(rows, maxThreads: 1);
        index.Delete(5);
        var hits = new SearchHit[k];
        var query = rows.AsSpan(17 * dim, dim).ToArray();
        for (int i = 0; i < 3; i++)
        {
            index.Search(query, k, ef, hits);
            index.Search(query, k, ef, default(EvenIds), hits);
        }

        // Start the window with this thread's allocation context empty, and allocate nothing in it. The counter below
        // counts a context's unused rest as allocated whenever the GC voids the context without giving the rest back
        // (a background GC's mark phase ends with that); with an empty context that voiding changes nothing, while a
        // search that allocates still takes a new context and is counted to the byte.
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            index.Search(rows.AsSpan(i * dim, dim), k, ef, hits);
            index.Search(rows.AsSpan(i * dim, dim), k, ef, default(EvenIds), hits);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
