using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Tests.Support;

/// <summary>Invariants every search result must satisfy.</summary>
internal static class IndexAssert
{
    /// <summary>Best first (descending score, whatever the metric), and no id twice.</summary>
    public static void SortedAndUnique(ReadOnlySpan<SearchHit> hits)
    {
        var seen = new HashSet<ulong>();
        for (int i = 0; i < hits.Length; i++)
        {
            Assert.True(seen.Add(hits[i].Id), $"id {hits[i].Id} returned twice");
            if (i > 0)
            {
                Assert.True(hits[i - 1].Score >= hits[i].Score, $"hit {i} ({hits[i].Score}) is better than hit {i - 1} ({hits[i - 1].Score})");
            }
        }
    }
}
