using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>The VectorDb gRPC service: collections, points and search over one database.</summary>
internal sealed partial class VectorDbService(VectorDatabase database, CollectionEmbedders embedders, ServerMetrics metrics, ReplyLimit replyLimit) : Protos.VectorDb.VectorDbBase
{
    /// <inheritdoc />
    public override Task<CollectionInfo> CreateCollection(CreateCollectionRequest request, ServerCallContext context)
    {
        string name = RequestChecks.CollectionName(request.Name);
        var settings = new CollectionSettings
        {
            Name = name, Dimension = (int)Math.Min(request.Dimension, int.MaxValue), Metric = request.Metric.FromProto(),
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
            settings = settings with
            {
                Dimension = embedder.Dimension, Model = embedder.ModelId, Preprocessing = embedder.PreprocessDescription, Provider = embedder.Provider,
                Detector = images.Faces?.Detector.Description,
            };
        }
        else if (request.Detector.Length > 0)
        {
            throw RequestChecks.Invalid("A detector finds faces for a model to embed: name the model too.");
        }
        // The database validates before it touches disk and creates atomically: a taken name is ALREADY_EXISTS (mapped by StorageErrorInterceptor).
        return Task.FromResult(ProtoMapping.Info(database.CreateCollection(settings)));
    }

    /// <inheritdoc />
    public override Task<ListCollectionsResponse> ListCollections(ListCollectionsRequest request, ServerCallContext context)
    {
        var response = new ListCollectionsResponse();
        response.Collections.Add(ProtoMapping.Infos(database));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<CollectionInfo> GetCollection(GetCollectionRequest request, ServerCallContext context) =>
        Task.FromResult(ProtoMapping.Info(Collection(request.Name)));

    /// <inheritdoc />
    public override async Task<DropCollectionResponse> DropCollection(DropCollectionRequest request, ServerCallContext context)
    {
        string name = RequestChecks.CollectionName(request.Name);
        return await database.DropCollectionAsync(name)
            ? new DropCollectionResponse { Dropped = true }
            : throw CollectionLookup.NotFound(name);
    }

    /// <inheritdoc />
    public override Task<Access> GetAccess(GetAccessRequest request, ServerCallContext context) =>
        Task.FromResult(Security.ApiKeyInterceptor.Granted(context) switch
        {
            null => new Access { CanWrite = true, KeysRequired = false },
            var level => new Access { CanWrite = level == Security.AccessLevel.Write, KeysRequired = true },
        });

    /// <summary>The named collection, or NOT_FOUND.</summary>
    private VectorCollection Collection(string name) => database.Existing(name);
}
