using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Tests.Support;

/// <summary>Recall of approximate results against exact ones.</summary>
internal static class Recall
{
    /// <summary>Share of the exact top-k ids found in the approximate top-k, averaged over queries.</summary>
    public static double AtK(IReadOnlyList<SearchHit[]> approximate, IReadOnlyList<SearchHit[]> exact, int k)
    {
        double found = 0;
        for (int q = 0; q < exact.Count; q++)
        {
            var truth = exact[q].Take(k).Select(h => h.Id).ToHashSet();
            found += approximate[q].Take(k).Count(h => truth.Contains(h.Id));
        }
        return found / (exact.Count * (double)k);
    }
}
