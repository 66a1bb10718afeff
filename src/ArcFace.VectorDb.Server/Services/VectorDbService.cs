using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>The VectorDb gRPC service: collections, points and search over one database.</summary>
internal sealed partial class VectorDbService(VectorDatabase database, CollectionEmbedders embedders, ServerMetrics metrics, ReplyLimit replyLimit, ImageSearch imageSearch, ImageIngest imageIngest) : Protos.VectorDb.VectorDbBase
{
    /// <inheritdoc />
    public override Task<CollectionInfo> CreateCollection(CreateCollectionRequest request, ServerCallContext context)
    {
        var settings = CollectionRequests.Settings(request, embedders);
        if (request.Shards > 1)
            throw RequestChecks.Invalid($"A single node keeps a collection in one shard; {request.Shards} shards need a cluster (`arcvdb serve --cluster`).");
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
        Task.FromResult(Security.ApiKeyInterceptor.Access(context));

    /// <inheritdoc />
    public override Task<ClusterStatus> GetClusterStatus(GetClusterStatusRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.FailedPrecondition, "This server is a single node (`arcvdb serve --db`): it has no cluster to describe. Silos started with `arcvdb serve --cluster` answer this."));

    /// <summary>The named collection, or NOT_FOUND.</summary>
    private VectorCollection Collection(string name) => database.Existing(name);
}
