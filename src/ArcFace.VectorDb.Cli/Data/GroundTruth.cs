using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Flat;
using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Cli.Data;

/// <summary>Exact top-k neighbours from the flat index: the reference every recall figure is measured against.</summary>
internal static class GroundTruth
{
    /// <summary>Returns, per query, the row indices of the min(k, base count) best base vectors under the metric, best first.</summary>
    public static IdMatrix Compute(VectorSet baseSet, VectorSet queries, int k, int maxThreads = 0, Metric metric = Metric.InnerProduct)
    {
        if (queries.Dimension != baseSet.Dimension)
            throw new ArgumentException($"Queries are {queries.Dimension}-d but the base set is {baseSet.Dimension}-d.", nameof(queries));
        var flat = new FlatIndex(baseSet.Dimension, metric);
        flat.AddRange(baseSet.Data);
        var hits = flat.SearchBatch(queries.Data, k, maxThreads);
        int width = Math.Min(k, baseSet.Count);
        var ids = new int[(long)hits.Length * width];
        for (int q = 0; q < hits.Length; q++)
        {
            for (int j = 0; j < width; j++)
                ids[(q * width) + j] = checked((int)hits[q][j].Id);
        }
        return new IdMatrix(ids, width);
    }
}
