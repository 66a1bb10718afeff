namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>Sizes an ingested image must have: big enough to hold a face or a product, small enough to decode without exhausting memory.</summary>
public sealed record DecodeLimits
{
    /// <summary>Shortest accepted side, in pixels.</summary>
    public int MinSide { get; init; } = 16;

    /// <summary>Most pixels accepted (width × height); 40 MP is a 7,300 × 5,500 photo.</summary>
    public long MaxPixels { get; init; } = 40_000_000;
}
