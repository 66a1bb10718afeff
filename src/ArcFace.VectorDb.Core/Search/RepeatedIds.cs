using System.Buffers;

namespace ArcFace.VectorDb.Core.Search;

/// <summary>Finds ids that occur more than once in a result list, without allocating.</summary>
internal static class RepeatedIds
{
    private const int QuadraticLimit = 32;

    /// <summary>True when some id occurs twice.</summary>
    public static bool Any(ReadOnlySpan<SearchHit> hits)
    {
        if (hits.Length <= QuadraticLimit)
        {
            for (int i = 1; i < hits.Length; i++)
            {
                if (Contains(hits[..i], hits[i].Id))
                    return true;
            }
            return false;
        }
        var ids = ArrayPool<ulong>.Shared.Rent(hits.Length);
        try
        {
            var span = ids.AsSpan(0, hits.Length);
            for (int i = 0; i < hits.Length; i++)
                span[i] = hits[i].Id;
            span.Sort();
            for (int i = 1; i < span.Length; i++)
            {
                if (span[i] == span[i - 1])
                    return true;
            }
            return false;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(ids);
        }
    }

    /// <summary>True when the id is among the hits.</summary>
    public static bool Contains(ReadOnlySpan<SearchHit> hits, ulong id)
    {
        foreach (var hit in hits)
        {
            if (hit.Id == id)
                return true;
        }
        return false;
    }
}
