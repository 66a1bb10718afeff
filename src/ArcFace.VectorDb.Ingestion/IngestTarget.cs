using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Ingestion;

/// <summary>The collection an ingest writes to: created for the embedder when absent, checked against it when present.</summary>
public static class IngestTarget
{
    /// <summary>
    /// Opens collection <paramref name="name"/>, or creates it from <paramref name="template"/> with the model's dimension,
    /// identity and preprocessing and the face detector, if any. An existing collection made by another model or
    /// preprocessing, or whose faces another detector found, is refused: its vectors would not be comparable, or its
    /// queries by photo would detect differently. A collection without a detector takes the ingest's. The provider
    /// that embeds is recorded in the manifest.
    /// </summary>
    public static async Task<VectorCollection> OpenAsync(VectorDatabase database, string name, ImageEmbedder embedder, CollectionSettings? template = null)
    {
        var model = embedder.Model;
        var detector = embedder.Faces?.Detector;
        if (!database.CollectionNames().Contains(name))
        {
            var settings = template ?? new CollectionSettings { Name = name, Dimension = model.Dimension };
            return database.CreateCollection(settings with
            {
                Name = name, Dimension = model.Dimension, Model = model.ModelId, Preprocessing = model.PreprocessDescription, Provider = model.Provider,
                Detector = detector?.Description ?? settings.Detector,
            });
        }
        var collection = database.GetCollection(name);
        if (Refusal(collection.Settings, embedder) is { } refusal)
            throw new ArgumentException(refusal);
        await collection.RecordProviderAsync(model.Provider);
        if (detector is not null)
            await collection.RecordDetectorAsync(detector.Description);
        return collection;
    }

    /// <summary>Why a collection with <paramref name="settings"/> (local, or described by a server) cannot take the vectors of <paramref name="embedder"/>, naming both sides; null when it can.</summary>
    public static string? Refusal(CollectionSettings settings, ImageEmbedder embedder) =>
        Mismatch(settings, embedder.Model, embedder.Faces?.Detector) is { } mismatch
            ? $"Collection '{settings.Name}' cannot take this ingest: {mismatch}; ingest into another collection."
            : null;

    private static string? Mismatch(CollectionSettings settings, OnnxEmbedder model, FaceDetector? detector)
    {
        if (settings.Dimension != model.Dimension)
            return $"it holds {settings.Dimension}-d vectors and the model makes {model.Dimension}-d ones";
        if (EmbeddingCompatibility.Mismatch(settings.Model, settings.Preprocessing, model) is { } different)
            return $"{different}. Embeddings of different models or preprocessing do not compare";
        if (DetectorIdentity.Mismatch(settings.Detector, detector) is { } faces)
            return $"{faces}. Its queries by photo detect with the former: use the same detector, threshold and size";
        return null;
    }
}
