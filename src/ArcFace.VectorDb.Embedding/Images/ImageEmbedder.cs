using System.Buffers;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;

namespace ArcFace.VectorDb.Embedding.Images;

/// <summary>
/// The one way from an image to vectors: decode → align (by the item's landmarks) or preprocess → batch → ONNX Runtime →
/// L2-normalise. The ingest pipeline runs its steps on parallel workers; a single image goes through <see cref="Embed"/>.
/// Knows nothing of where the vectors go.
/// </summary>
public sealed class ImageEmbedder(OnnxEmbedder model, DecodeLimits? limits = null)
{
    /// <summary>Why an image is left out when the model gives its crop no direction.</summary>
    public const string UnusableEmbedding = "the model produced a non-finite or zero embedding for this image";

    /// <summary>The recognition model.</summary>
    public OnnxEmbedder Model { get; } = model;

    /// <summary>Size limits of decoded images.</summary>
    public DecodeLimits Limits { get; } = limits ?? new DecodeLimits();

    /// <summary>Embedding dimension.</summary>
    public int Dimension => Model.Dimension;

    /// <summary>Decodes each item and writes the model tensors of its crops into pooled buffers (see <see cref="Return"/>), or says why it cannot be used.</summary>
    public IReadOnlyList<PreparedImage> Prepare(IReadOnlyList<GalleryItem> items)
    {
        var prepared = new PreparedImage[items.Count];
        for (int i = 0; i < items.Count; i++)
            prepared[i] = PrepareWhole(items[i]);
        return prepared;
    }

    /// <summary>The id of a crop's point: the image's own id for a whole image.</summary>
    public static ulong PointId(GalleryItem item) => item.Id;

    /// <summary>Embeds one image on its own.</summary>
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
            if (!OnnxEmbedder.IsUsable(vector))
                return new([], UnusableEmbedding);
            points.Add(new EmbeddedPoint(PointId(item), vector.ToArray(), item));
        }
        return new(points, null);
    }

    /// <summary>Gives the crops' pooled buffers back.</summary>
    public static void Return(PreparedImage prepared)
    {
        foreach (var crop in prepared.Crops)
            ArrayPool<float>.Shared.Return(crop.Tensor);
    }

    private PreparedImage PrepareWhole(GalleryItem item)
    {
        int length = Model.Spec.TensorLength;
        var tensor = ArrayPool<float>.Shared.Rent(length);
        string? problem;
        try
        {
            problem = ImagePreparation.Prepare(item, Model.Spec, Limits, tensor.AsSpan(0, length));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problem = $"cannot be preprocessed: {e.GetType().Name}: {e.Message}";
        }
        if (problem is null)
            return new PreparedImage(item, [new PreparedCrop(tensor)], null);
        ArrayPool<float>.Shared.Return(tensor);
        return PreparedImage.Unusable(item, problem);
    }
}
