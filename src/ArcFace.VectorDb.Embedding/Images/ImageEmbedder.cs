using System.Buffers;
using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Images;

/// <summary>
/// The one way from an image to vectors: decode → detect faces (when <see cref="Faces"/> is set and the item brings no
/// landmarks) → align each face, or preprocess the whole image → batch → ONNX Runtime → L2-normalise. The ingest
/// pipeline runs its steps on parallel workers; a single image goes through <see cref="Embed"/>. Knows nothing of where
/// the vectors go, and owns neither model.
/// </summary>
public sealed class ImageEmbedder(OnnxEmbedder model, FaceOptions? faces = null, DecodeLimits? limits = null)
{
    /// <summary>Why an image is left out when the model gives its crop no direction.</summary>
    public const string UnusableEmbedding = "the model produced a non-finite or zero embedding for this image";

    /// <summary>Why a photo is left out when the detector finds no face in it.</summary>
    public const string NoFace = "no face found";

    /// <summary>The recognition model.</summary>
    public OnnxEmbedder Model { get; } = model;

    /// <summary>How faces are found, or null when images are embedded whole.</summary>
    public FaceOptions? Faces { get; } = faces;

    /// <summary>Size limits of decoded images.</summary>
    public DecodeLimits Limits { get; } = limits ?? new DecodeLimits();

    /// <summary>How the thumbnail of each point is made, or null (the default) when none is: ingest asks for them, queries do not.</summary>
    public ThumbnailMaker? Thumbnails { get; init; }

    /// <summary>This embedder's model, faces and limits making thumbnails as <paramref name="thumbnails"/> says (null: none).</summary>
    public ImageEmbedder WithThumbnails(ThumbnailMaker? thumbnails) => new(Model, Faces, Limits) { Thumbnails = thumbnails };

    /// <summary>Embedding dimension.</summary>
    public int Dimension => Model.Dimension;

    /// <summary>Images worth preparing together: the detector's batch when faces are detected, else one.</summary>
    public int PrepareBatch => Faces?.Detector.BatchSize ?? 1;

    /// <summary>True when <paramref name="sink"/> holds the first point <paramref name="item"/> gives (a resumed ingest skips the image).</summary>
    public bool IsIn(IEmbeddingSink sink, GalleryItem item) => FirstPointIds(item).Any(sink.Contains);

    /// <summary>The ids the first point of <paramref name="item"/> may have: the image's, and with faces detected that of its first face.</summary>
    public IEnumerable<ulong> FirstPointIds(GalleryItem item) =>
        Faces is not null && item.Landmarks is null ? [item.Id, PointIds.For(item.Id, 0)] : [item.Id];

    /// <summary>
    /// Decodes each item and writes the model tensors of its crops into pooled buffers (see <see cref="Return"/>), or
    /// says why it cannot be used. Photos that need face detection go through the detector together.
    /// </summary>
    public IReadOnlyList<PreparedImage> Prepare(IReadOnlyList<GalleryItem> items)
    {
        var prepared = new PreparedImage[items.Count];
        var photos = new List<(int Slot, Image<Rgb24> Photo)>();
        try
        {
            for (int i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (Faces is null || item.Landmarks is not null)
                {
                    prepared[i] = Guarded(item, () => PrepareWhole(item));
                    continue;
                }
                var decoded = item.Content is { } bytes ? ImageDecoding.Decode(bytes, Limits) : ImageDecoding.Decode(item.Path, Limits);
                if (decoded.Problem is { } problem)
                    prepared[i] = PreparedImage.Unusable(item, problem);
                else
                    photos.Add((i, decoded.Image!));
            }
            if (photos.Count > 0)
            {
                var found = Faces!.Detector.Detect([.. photos.Select(photo => photo.Photo)]);
                for (int j = 0; j < photos.Count; j++)
                {
                    var (slot, photo) = photos[j];
                    prepared[slot] = Guarded(items[slot], () => CropFaces(items[slot], photo, found[j]));
                }
            }
        }
        finally
        {
            foreach (var (_, photo) in photos)
                photo.Dispose();
        }
        return prepared;
    }

    /// <summary>Embeds one image on its own: a point per kept face (left to right), or one for the whole image.</summary>
    public ImageVectors Embed(GalleryItem item)
    {
        var prepared = Prepare([item])[0];
        if (prepared.Problem is { } problem)
            return new([], problem);
        int length = Model.Spec.TensorLength, dim = Dimension, count = prepared.Crops.Count;
        var tensors = new float[count * length];
        var embeddings = new float[count * dim];
        for (int i = 0; i < count; i++)
            prepared.Crops[i].Tensor.AsSpan(0, length).CopyTo(tensors.AsSpan(i * length));
        Return(prepared);
        Model.Embed(tensors, count, embeddings);
        var points = new List<EmbeddedPoint>(count);
        for (int i = 0; i < count; i++)
        {
            var vector = embeddings.AsSpan(i * dim, dim);
            if (OnnxEmbedder.IsUsable(vector))
                points.Add(Point(item, prepared.Crops[i], vector));
        }
        return points.Count > 0 ? new(points, null) : new([], UnusableEmbedding);
    }

    /// <summary>The point of one embedded crop of <paramref name="item"/>.</summary>
    public static EmbeddedPoint Point(GalleryItem item, PreparedCrop crop, ReadOnlySpan<float> vector) =>
        new(PointIds.For(item.Id, crop.Face?.Index), vector.ToArray(), item, crop.Face, crop.Thumbnail);

    /// <summary>Gives the crops' pooled buffers back.</summary>
    public static void Return(PreparedImage prepared)
    {
        foreach (var crop in prepared.Crops)
            ArrayPool<float>.Shared.Return(crop.Tensor);
    }

    /// <summary>Runs one image's preparation; an unexpected failure makes the image unusable, not the run.</summary>
    private static PreparedImage Guarded(GalleryItem item, Func<PreparedImage> prepare)
    {
        try
        {
            return prepare();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return PreparedImage.Unusable(item, $"cannot be preprocessed: {e.GetType().Name}: {e.Message}");
        }
    }

    private PreparedImage PrepareWhole(GalleryItem item)
    {
        int length = Model.Spec.TensorLength;
        var tensor = ArrayPool<float>.Shared.Rent(length);
        if (ImagePreparation.Prepare(item, Model.Spec, Limits, tensor.AsSpan(0, length), Thumbnails, out var thumbnail) is not { } problem)
            return new PreparedImage(item, [new PreparedCrop(tensor, null, thumbnail)], null);
        ArrayPool<float>.Shared.Return(tensor);
        return PreparedImage.Unusable(item, problem);
    }

    /// <summary>The kept faces of a photo, each aligned onto the model's input from its landmarks.</summary>
    private PreparedImage CropFaces(GalleryItem item, Image<Rgb24> photo, IReadOnlyList<DetectedFace> found)
    {
        var kept = FaceSelection.Select(found, Faces!.Choice, photo.Width, photo.Height, Faces.MinFace);
        if (kept.Count == 0)
            return PreparedImage.Unusable(item, found.Count == 0 ? NoFace : $"{NoFace}: {found.Count} smaller than {Faces.MinFace:F0} px");
        var spec = Model.Spec;
        var crops = new PreparedCrop[kept.Count];
        for (int i = 0; i < kept.Count; i++)
        {
            var tensor = ArrayPool<float>.Shared.Rent(spec.TensorLength);
            using var aligned = FaceAlignment.Align(photo, kept[i].Landmarks, spec.ResizeWidth, spec.ResizeHeight);
            TensorWriter.Write(aligned, spec, tensor);
            crops[i] = new PreparedCrop(tensor, new FaceCrop(i, kept[i]), Thumbnails?.Make(aligned));
        }
        return new PreparedImage(item, crops, null);
    }
}
