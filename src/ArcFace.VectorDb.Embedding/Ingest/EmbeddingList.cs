namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>A sink that keeps every point in memory, in the order written (the evaluations embed their images into one).</summary>
public sealed class EmbeddingList : IEmbeddingSink
{
    private readonly List<EmbeddedPoint> points = [];

    /// <summary>The points written so far.</summary>
    public IReadOnlyList<EmbeddedPoint> Points => points;

    /// <inheritdoc />
    public bool Contains(ulong id) => false;

    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<EmbeddedPoint> points, CancellationToken cancellation)
    {
        this.points.AddRange(points);
        return ValueTask.CompletedTask;
    }
}
