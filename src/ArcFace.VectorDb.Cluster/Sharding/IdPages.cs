namespace ArcFace.VectorDb.Cluster.Sharding;

/// <summary>Reading a shard in pages by id: each page starts after the last id of the one before, until a short page.</summary>
public static class IdPages
{
    /// <summary>The id the page after <paramref name="page"/> starts from, or null when it was the last (short, or ending at the largest id).</summary>
    public static ulong? NextFrom<T>(IReadOnlyList<T> page, int pageSize, Func<T, ulong> idOf) =>
        page.Count < pageSize || idOf(page[^1]) == ulong.MaxValue ? null : idOf(page[^1]) + 1;
}
