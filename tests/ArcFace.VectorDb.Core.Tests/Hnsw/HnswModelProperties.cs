using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Core.Tests.Support;
using FsCheck.Xunit;

namespace ArcFace.VectorDb.Core.Tests.Hnsw;

/// <summary>Random sequences of upserts and deletes, checked against a dictionary that models the index.</summary>
public class HnswModelProperties
{
    private const int Dim = 8;

    [Property(MaxTest = 60)]
    public void Any_sequence_of_upserts_and_deletes_matches_a_dictionary_model((bool Delete, byte Id)[] operations)
    {
        using var index = new HnswIndex(Dim, new HnswOptions { M = 4, EfConstruction = 16 });
        var model = new Dictionary<ulong, float[]>();
        for (int step = 0; step < operations.Length; step++)
        {
            var (delete, id) = operations[step];
            if (delete)
            {
                Assert.Equal(model.Remove(id), index.Delete(id));
            }
            else
            {
                var vector = VectorFor(id, step);
                Assert.Equal(model.ContainsKey(id), index.Upsert(id, vector));
                model[id] = vector;
            }
        }

        Assert.Equal(model.Count, index.Count);
        Assert.Equal(index.NodeCount - model.Count, index.TombstoneCount);
        var stored = new float[Dim];
        for (ulong id = 0; id < 256; id++)
        {
            Assert.Equal(model.TryGetValue(id, out var expected), index.TryGetVector(id, stored));
            if (expected is not null)
                Assert.Equal(expected, stored);
        }
        for (int q = 0; q < 5; q++)
        {
            var query = VectorFor(q, -1);
            var hits = index.Search(query, 8, ef: 300);
            IndexAssert.SortedAndUnique(hits);
            Assert.All(hits, h => Assert.True(model.ContainsKey(h.Id), $"id {h.Id} is not live"));
            if (index.NodeCount <= 2 * 4)
            {
                var exact = model.OrderByDescending(kv => DotProduct.Compute(query, kv.Value)).ThenBy(kv => kv.Key).Take(8).Select(kv => kv.Key);
                Assert.Equal(exact.Order(), hits.Select(h => h.Id).Order());
            }
        }
    }

    private static float[] VectorFor(int id, int step) => ClusteredVectors.Generate(1, Dim, clusters: 1, seed: id * 7919 + step);
}
