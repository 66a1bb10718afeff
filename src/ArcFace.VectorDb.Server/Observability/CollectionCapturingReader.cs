using Grpc.Core;

namespace ArcFace.VectorDb.Server.Observability;

/// <summary>A request stream that passes every message on and remembers the first collection one of them names.</summary>
internal sealed class CollectionCapturingReader<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
{
    /// <summary>The first collection a message named so far, or null.</summary>
    public string? Collection { get; private set; }

    /// <inheritdoc />
    public T Current => inner.Current;

    /// <inheritdoc />
    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        bool moved = await inner.MoveNext(cancellationToken);
        if (moved && Collection is null)
            Collection = RequestCollection.Of(inner.Current);
        return moved;
    }
}
