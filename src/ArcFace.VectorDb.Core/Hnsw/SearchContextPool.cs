namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>A small lock-free pool of search contexts: a rent is an atomic exchange on a slot.</summary>
internal sealed class SearchContextPool(int maxLinks0)
{
    private readonly SearchContext?[] slots = new SearchContext?[Math.Max(4, Environment.ProcessorCount * 2)];

    /// <summary>Takes a context from the pool, or makes one when all are in use.</summary>
    public SearchContext Rent()
    {
        for (int i = 0; i < slots.Length; i++)
        {
            var context = Interlocked.Exchange(ref slots[i], null);
            if (context is not null)
                return context;
        }
        return new SearchContext(maxLinks0);
    }

    /// <summary>Gives a context back; it is dropped when the pool is full.</summary>
    public void Return(SearchContext context)
    {
        for (int i = 0; i < slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref slots[i], context, null) is null)
                return;
        }
    }
}
