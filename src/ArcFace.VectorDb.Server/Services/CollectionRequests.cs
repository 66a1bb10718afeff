using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>The one reading of a CreateCollection request, for a single node and a cluster alike.</summary>
internal static class CollectionRequests
{
    /// <summary>
    /// The settings a CreateCollection request asks for: defaults filled in, and with a model, the model's dimension,
    /// identity, preprocessing and detector (the model is opened, so a bad one is INVALID_ARGUMENT before anything is created).
    /// </summary>
    public static CollectionSettings Settings(CreateCollectionRequest request, CollectionEmbedders embedders)
    {
        var settings = new CollectionSettings
        {
            Name = RequestChecks.CollectionName(request.Name), Dimension = (int)Math.Min(request.Dimension, int.MaxValue), Metric = request.Metric.FromProto(),
            M = request.M == 0 ? HnswOptions.DefaultM : (int)Math.Min(request.M, int.MaxValue),
            EfConstruction = request.EfConstruction == 0 ? HnswOptions.DefaultEfConstruction : (int)Math.Min(request.EfConstruction, int.MaxValue),
            Quantization = request.Quantization.FromProto(),
        };
        if (request.Model.Length > 0)
        {
            var images = embedders.OpenForNewCollection(request);
            var embedder = images.Model;
            if (request.Dimension != 0 && request.Dimension != embedder.Dimension)
                throw RequestChecks.Invalid($"dimension {request.Dimension} differs from the model's {embedder.Dimension}-d embeddings; leave it 0 to take the model's.");
            return settings with
            {
                Dimension = embedder.Dimension, Model = embedder.ModelId, Preprocessing = embedder.PreprocessDescription, Provider = embedder.Provider,
                Detector = images.Faces?.Detector.Description,
            };
        }
        return request.Detector.Length > 0 ? throw RequestChecks.Invalid("A detector finds faces for a model to embed: name the model too.") : settings;
    }
}
