using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>The collection an ingest writes to: created for the model when absent, checked against it when present.</summary>
public static class IngestTarget
{
    /// <summary>
    /// Opens collection <paramref name="name"/>, or creates it from <paramref name="template"/> with the model's dimension,
    /// identity and preprocessing. An existing collection made by another model or preprocessing is refused: its
    /// vectors would not be comparable. The provider that embeds is recorded in the manifest.
    /// </summary>
    public static async Task<VectorCollection> OpenAsync(VectorDatabase database, string name, OnnxEmbedder embedder, CollectionSettings? template = null)
    {
        VectorCollection collection;
        if (!database.CollectionNames().Contains(name))
        {
            collection = database.CreateCollection((template ?? new CollectionSettings { Name = name, Dimension = embedder.Dimension }) with
            {
                Name = name, Dimension = embedder.Dimension, Model = embedder.ModelId, Preprocessing = embedder.PreprocessDescription, Provider = embedder.Provider,
            });
            return collection;
        }
        collection = database.GetCollection(name);
        var settings = collection.Settings;
        string? mismatch = settings.Dimension != embedder.Dimension ? $"it holds {settings.Dimension}-d vectors and the model makes {embedder.Dimension}-d ones"
            : EmbeddingCompatibility.Mismatch(settings.Model, settings.Preprocessing, embedder);
        if (mismatch is not null)
            throw new ArgumentException($"Collection '{name}' cannot take this ingest: {mismatch}. Embeddings of different models or preprocessing do not compare; ingest into another collection.");
        await collection.RecordProviderAsync(embedder.Provider);
        return collection;
    }
}
