namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>Where an ingest pipeline hands its vectors: a collection, a list in memory, anything that keeps points.</summary>
public interface IEmbeddingSink
{
    /// <summary>True when the sink already holds point <paramref name="id"/> (an ingest with resume skips its image).</summary>
    bool Contains(ulong id);

    /// <summary>Keeps <paramref name="points"/>; the pipeline never cuts a write short, so a write that starts also ends.</summary>
    ValueTask WriteAsync(IReadOnlyList<EmbeddedPoint> points, CancellationToken cancellation);
}
