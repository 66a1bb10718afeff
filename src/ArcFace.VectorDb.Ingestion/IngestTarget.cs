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
    /// identity and preprocessing. An existing collection made by another model or preprocessing is refused: its
    /// vectors would not be comparable. The provider that embeds is recorded in the manifest.
    /// </summary>
    public static async Task<VectorCollection> OpenAsync(VectorDatabase database, string name, ImageEmbedder embedder, CollectionSettings? template = null)
    {
        var model = embedder.Model;
        if (!database.CollectionNames().Contains(name))
        {
            return database.CreateCollection((template ?? new CollectionSettings { Name = name, Dimension = model.Dimension }) with
            {
                Name = name, Dimension = model.Dimension, Model = model.ModelId, Preprocessing = model.PreprocessDescription, Provider = model.Provider,
            });
        }
        var collection = database.GetCollection(name);
        var settings = collection.Settings;
        string? mismatch = settings.Dimension != model.Dimension ? $"it holds {settings.Dimension}-d vectors and the model makes {model.Dimension}-d ones"
            : EmbeddingCompatibility.Mismatch(settings.Model, settings.Preprocessing, model);
        if (mismatch is not null)
            throw new ArgumentException($"Collection '{name}' cannot take this ingest: {mismatch}. Embeddings of different models or preprocessing do not compare; ingest into another collection.");
        await collection.RecordProviderAsync(model.Provider);
        return collection;
    }
}
