using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Server.Security;
using ArcFace.VectorDb.Server.Services;
using Google.Protobuf;
using Grpc.Core;

namespace ArcFace.VectorDb.Cluster.Service;

/// <summary>
/// The VectorDb gRPC service on a cluster silo: the same API as a single node, over sharded collections. Any silo
/// answers any call; the request checks, messages and status codes are the single node's.
/// </summary>
internal sealed partial class ClusterVectorDbService(ShardedCollections collections, ICollectionDescriptions descriptions, CollectionEmbedders embedders, ServerMetrics metrics, ReplyLimit replyLimit,
    SiloMembership silos, ImageSearch imageSearch, ImageIngest imageIngest)
    : Protos.VectorDb.VectorDbBase
{
    /// <inheritdoc />
    public override async Task<CollectionInfo> CreateCollection(CreateCollectionRequest request, ServerCallContext context)
    {
        var settings = CollectionRequests.Settings(request, embedders);
        int shards = request.Shards == 0 ? silos.DefaultShardCount : (int)Math.Min(request.Shards, int.MaxValue);
        collections.Create(settings, shards);
        return await collections.DescribeAsync(settings.Name);
    }

    /// <inheritdoc />
    public override async Task<ListCollectionsResponse> ListCollections(ListCollectionsRequest request, ServerCallContext context)
    {
        var response = new ListCollectionsResponse();
        response.Collections.AddRange(await descriptions.DescribeAsync(context.CancellationToken));
        return response;
    }

    /// <inheritdoc />
    public override Task<CollectionInfo> GetCollection(GetCollectionRequest request, ServerCallContext context) =>
        collections.DescribeAsync(RequestChecks.CollectionName(request.Name));

    /// <inheritdoc />
    public override async Task<DropCollectionResponse> DropCollection(DropCollectionRequest request, ServerCallContext context)
    {
        string name = RequestChecks.CollectionName(request.Name);
        return await collections.DropAsync(name) ? new DropCollectionResponse { Dropped = true } : throw CollectionLookup.NotFound(name);
    }

    /// <inheritdoc />
    public override async Task<UpsertResponse> Upsert(IAsyncStreamReader<UpsertRequest> requestStream, ServerCallContext context)
    {
        string? name = null;
        ulong upserted = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (request.Collection.Length > 0)
                name = RequestChecks.CollectionName(request.Collection);
            upserted += await UpsertBatchAsync(name ?? throw RequestChecks.Invalid("The first Upsert message must name the collection."), request);
        }
        return new UpsertResponse { Upserted = upserted };
    }

    /// <inheritdoc />
    public override async Task<UpsertResponse> UpsertPoints(UpsertRequest request, ServerCallContext context) =>
        new() { Upserted = await UpsertBatchAsync(RequestChecks.CollectionName(request.Collection), request) };

    /// <inheritdoc />
    public override async Task<DeleteResponse> Delete(DeleteRequest request, ServerCallContext context) =>
        new() { Deleted = (ulong)await collections.DeleteAsync(RequestChecks.CollectionName(request.Collection), [.. request.Ids], request.Wait) };

    /// <inheritdoc />
    public override async Task<GetResponse> Get(GetRequest request, ServerCallContext context)
    {
        var points = await collections.GetAsync(RequestChecks.CollectionName(request.Collection), [.. request.Ids], request.WithVectors);
        var response = new GetResponse();
        long bytes = 0;
        foreach (var point in points)
        {
            bytes += point.CalculateSize() + 8;
            replyLimit.Check(bytes, request.WithVectors ? "ask for fewer ids, or leave out the vectors." : "ask for fewer ids.");
            response.Points.Add(point);
        }
        return response;
    }

    /// <inheritdoc />
    public override async Task<SearchResponse> Search(SearchRequest request, ServerCallContext context)
    {
        var results = await SearchAllAsync(new Google.Protobuf.Collections.RepeatedField<SearchRequest> { request });
        return results[0];
    }

    /// <inheritdoc />
    public override async Task<SearchBatchResponse> SearchBatch(SearchBatchRequest request, ServerCallContext context)
    {
        if (request.Searches.Count == 0)
            throw RequestChecks.Invalid("SearchBatch holds no searches.");
        var response = new SearchBatchResponse();
        response.Results.AddRange(await SearchAllAsync(request.Searches));
        return response;
    }

    /// <inheritdoc />
    public override Task<Access> GetAccess(GetAccessRequest request, ServerCallContext context) => Task.FromResult(ApiKeyInterceptor.Access(context));

    private async Task<ulong> UpsertBatchAsync(string name, UpsertRequest request)
    {
        int written = await collections.UpsertAsync(name, request);
        metrics.PointsWritten(name, written);
        return (ulong)written;
    }

    /// <summary>Checks every search first (the single node's rules), then runs each collection's searches as one batch per shard, and checks the reply's size.</summary>
    private async Task<IReadOnlyList<SearchResponse>> SearchAllAsync(Google.Protobuf.Collections.RepeatedField<SearchRequest> searches)
    {
        var checkedSearches = new SearchRequest[searches.Count];
        for (int i = 0; i < searches.Count; i++)
        {
            var search = searches[i].Clone();
            var (k, ef) = RequestChecks.KAndEf(search.K, search.Ef);
            RequestChecks.Oversampling(search.Oversampling);
            RequestChecks.Filter(search.Filter);
            search.Collection = RequestChecks.CollectionName(search.Collection);
            (search.K, search.Ef) = ((uint)k, (uint)ef);
            checkedSearches[i] = search;
        }
        var results = new SearchResponse[searches.Count];
        foreach (var group in Enumerable.Range(0, searches.Count).GroupBy(i => checkedSearches[i].Collection))
        {
            var batch = new SearchBatchRequest();
            batch.Searches.AddRange(group.Select(i => checkedSearches[i]));
            var answers = await collections.SearchAsync(group.Key, batch);
            int next = 0;
            foreach (int i in group)
                results[i] = answers[next++];
        }
        long bytes = 0;
        foreach (var result in results)
        {
            bytes += result.CalculateSize() + 8;
            replyLimit.Check(bytes, "ask for a smaller k, or leave out the vectors.");
        }
        return results;
    }
}
