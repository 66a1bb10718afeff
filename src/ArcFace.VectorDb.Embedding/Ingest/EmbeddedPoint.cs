using ArcFace.VectorDb.Embedding.Images;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>One vector an image gave: its point id, the L2-normalised vector, the gallery item it came from, for a detected face the face, and the crop's thumbnail JPEG when one was made.</summary>
public sealed record EmbeddedPoint(ulong Id, float[] Vector, GalleryItem Item, FaceCrop? Face = null, byte[]? Thumbnail = null)
{
    /// <summary>The point's label: its image's.</summary>
    public string Label => Item.Label;

    /// <summary>Where the point came from: its image's key (a path relative to the gallery, or the name it was sent under).</summary>
    public string Source => Item.Key;

    /// <summary>What else a point records besides label and source: the face's index, box, landmarks and score (nothing for a whole image).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes => Face?.Attributes() ?? [];
}
