using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Services;
using Google.Api;
using Grpc.Core;

namespace ArcFace.VectorDb.Cluster.Service;

/// <summary>Search by image, ingest of images and thumbnails on a cluster: the receiving silo embeds, the shards keep the points.</summary>
internal sealed partial class ClusterVectorDbService
{
    /// <inheritdoc />
    public override Task<SearchResponse> SearchByImage(SearchByImageRequest request, ServerCallContext context)
    {
        string name = RequestChecks.CollectionName(request.Collection);
        var settings = collections.Existing(name).Settings;
        return imageSearch.SearchAsync(request, settings, async (vector, query) =>
        {
            var search = new SearchRequest
            {
                Collection = name, K = (uint)query.K, Ef = (uint)query.Ef, Filter = query.Request.Filter, WithVectors = query.WithVectors,
                Oversampling = query.Request.Oversampling,
            };
            search.Vector.AddRange(vector);
            var batch = new SearchBatchRequest();
            batch.Searches.Add(search);
            return (await collections.SearchAsync(name, batch))[0].Hits;
        }, context.CancellationToken);
    }

    /// <inheritdoc />
    public override Task IngestImages(IAsyncStreamReader<IngestImagesRequest> requestStream, IServerStreamWriter<IngestImagesResponse> responseStream, ServerCallContext context) =>
        imageIngest.RunAsync(requestStream, responseStream, context, requested =>
        {
            string name = RequestChecks.CollectionName(requested);
            var entry = collections.Existing(name);
            return new IngestDestination(entry.Settings, new ShardedSink(collections, name), collections.Catalog.DataDirectory);
        });

    /// <inheritdoc />
    public override async Task<HttpBody> GetThumbnail(GetThumbnailRequest request, ServerCallContext context)
    {
        var settings = collections.Existing(RequestChecks.CollectionName(request.Collection)).Settings;
        return ThumbnailReply.Of(await collections.GetThumbnailAsync(settings.Name, request.Id), settings.Name, request.Id);
    }
}
