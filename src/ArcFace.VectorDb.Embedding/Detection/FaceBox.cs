using System.Numerics;

namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>A face's bounding box in pixel coordinates of the original photo (after EXIF orientation).</summary>
public readonly record struct FaceBox(float Left, float Top, float Right, float Bottom)
{
    /// <summary>Right minus left.</summary>
    public float Width => Right - Left;

    /// <summary>Bottom minus top.</summary>
    public float Height => Bottom - Top;

    /// <summary>The middle of the box.</summary>
    public Vector2 Center => new((Left + Right) / 2, (Top + Bottom) / 2);

    /// <summary>Width times height (0 for an empty or inverted box).</summary>
    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    /// <summary>Intersection over union of the two boxes: 0 when disjoint, 1 when equal.</summary>
    public float IntersectionOverUnion(FaceBox other)
    {
        float width = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
        float height = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
        if (width <= 0 || height <= 0)
            return 0;
        float intersection = width * height;
        return intersection / (Area + other.Area - intersection);
    }
}
