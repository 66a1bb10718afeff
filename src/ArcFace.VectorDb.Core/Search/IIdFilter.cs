namespace ArcFace.VectorDb.Core.Search;

/// <summary>Decides which ids a search may return; implemented by structs so the filter inlines into the search loop.</summary>
public interface IIdFilter
{
    /// <summary>True when the id may appear in the results.</summary>
    bool Accept(ulong id);
}

/// <summary>The filter that accepts every id.</summary>
public readonly struct AcceptAll : IIdFilter
{
    /// <inheritdoc />
    public bool Accept(ulong id) => true;
}

/// <summary>Adapts a delegate to <see cref="IIdFilter"/> for callers that do not need the last nanosecond.</summary>
public readonly struct PredicateFilter(Func<ulong, bool> predicate) : IIdFilter
{
    /// <inheritdoc />
    public bool Accept(ulong id) => predicate(id);
}
