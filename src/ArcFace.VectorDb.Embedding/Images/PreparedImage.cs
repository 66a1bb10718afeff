using ArcFace.VectorDb.Embedding.Ingest;

namespace ArcFace.VectorDb.Embedding.Images;

/// <summary>One model tensor of an image (the whole image, or one aligned face), in a pooled buffer the embedding step returns, and the crop's thumbnail when one is made.</summary>
public readonly record struct PreparedCrop(float[] Tensor, FaceCrop? Face = null, byte[]? Thumbnail = null);

/// <summary>An image made ready for the model: its crops in order, or why it cannot be used.</summary>
public sealed record PreparedImage(GalleryItem Item, IReadOnlyList<PreparedCrop> Crops, string? Problem)
{
    /// <summary>An image that cannot be used, and why.</summary>
    public static PreparedImage Unusable(GalleryItem item, string problem) => new(item, [], problem);
}
