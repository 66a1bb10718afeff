using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>The VectorDb gRPC service: collections, points and search over one database.</summary>
internal sealed partial class VectorDbService(VectorDatabase database, CollectionEmbedders embedders, ServerMetrics metrics) : Protos.VectorDb.VectorDbBase
{
    /// <inheritdoc />
    public override Task<CollectionInfo> CreateCollection(CreateCollectionRequest request, ServerCallContext context)
    {
        string name = RequestChecks.CollectionName(request.Name);
        var settings = new CollectionSettings
        {
            Name = name, Dimension = (int)request.Dimension, Metric = request.Metric.FromProto(),
            M = request.M == 0 ? 16 : (int)request.M, EfConstruction = request.EfConstruction == 0 ? 200 : (int)request.EfConstruction,
        };
        if (request.Model.Length > 0)
        {
            var embedder = embedders.OpenForNewCollection(request.Model, request.Preset, request.Flip);
            if (request.Dimension != 0 && request.Dimension != embedder.Dimension)
                throw RequestChecks.Invalid($"dimension {request.Dimension} differs from the model's {embedder.Dimension}-d embeddings; leave it 0 to take the model's.");
            settings = settings with { Dimension = embedder.Dimension, Model = embedder.ModelId, Preprocessing = embedder.PreprocessDescription, Provider = embedder.Provider };
        }
        try
        {
            CollectionManifest.Validate(settings);
        }
        catch (ArgumentException e)
        {
            throw RequestChecks.Invalid(e.Message);
        }
        if (database.TryGetCollection(name) is not null)
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"Collection '{name}' already exists."));
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

    /// <summary>The named collection, or NOT_FOUND.</summary>
    private VectorCollection Collection(string name) => database.Existing(name);
}
