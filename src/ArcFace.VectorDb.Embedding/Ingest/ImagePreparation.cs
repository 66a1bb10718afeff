using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>One gallery file to a model tensor: decode, align when the item has landmarks, preprocess; or the reason it cannot.</summary>
public static class ImagePreparation
{
    /// <summary>Writes the item's tensor into <paramref name="tensor"/> and returns null, or returns why the file cannot be used.</summary>
    public static string? Prepare(GalleryItem item, PreprocessSpec spec, DecodeLimits limits, Span<float> tensor) =>
        Prepare(item, spec, limits, tensor, null, out _);

    /// <summary>
    /// As <see cref="Prepare(GalleryItem, PreprocessSpec, DecodeLimits, Span{float})"/>, and when <paramref name="thumbnails"/>
    /// is given also makes the thumbnail of the crop the model sees (the aligned face, or the whole image) from the one decode.
    /// </summary>
    public static string? Prepare(GalleryItem item, PreprocessSpec spec, DecodeLimits limits, Span<float> tensor, ThumbnailMaker? thumbnails, out byte[]? thumbnail)
    {
        thumbnail = null;
        var decoded = item.Content is { } bytes ? ImageDecoding.Decode(bytes, limits) : ImageDecoding.Decode(item.Path, limits);
        if (decoded.Problem is { } problem)
            return problem;
        using var image = decoded.Image!;
        if (item.Landmarks is not { } landmarks)
        {
            if (spec.SizeProblem(image.Width, image.Height) is { } unfit)
                return unfit;
            TensorWriter.Write(image, spec, tensor);
            thumbnail = thumbnails?.Make(image);
            return null;
        }
        if (LandmarkProblem(landmarks, image.Width, image.Height) is { } wrong)
            return wrong;
        using var aligned = FaceAlignment.Align(image, landmarks, spec.ResizeWidth, spec.ResizeHeight);
        TensorWriter.Write(aligned, spec, tensor);
        thumbnail = thumbnails?.Make(aligned);
        return null;
    }

    private static string? LandmarkProblem(System.Numerics.Vector2[] landmarks, int width, int height)
    {
        foreach (var point in landmarks)
        {
            if (point.X < 0 || point.Y < 0 || point.X > width || point.Y > height)
                return $"wrong landmarks: ({point.X}, {point.Y}) lies outside the {width}×{height} image";
        }
        float eyes = System.Numerics.Vector2.Distance(landmarks[0], landmarks[1]);
        if (!(eyes >= 2f))
            return $"wrong landmarks: the eyes are {eyes:F1} px apart, too close to define a face";
        return null;
    }
}
