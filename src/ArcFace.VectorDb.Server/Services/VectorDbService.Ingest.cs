using ArcFace.VectorDb.Ingestion;
using ArcFace.VectorDb.Protos;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>Ingest of images streamed by the client, through the same pipeline and rules as `arcvdb ingest`.</summary>
internal sealed partial class VectorDbService
{
    /// <inheritdoc />
    public override Task IngestImages(IAsyncStreamReader<IngestImagesRequest> requestStream, IServerStreamWriter<IngestImagesResponse> responseStream, ServerCallContext context) =>
        imageIngest.RunAsync(requestStream, responseStream, context, name =>
        {
            var collection = Collection(name);
            return new IngestDestination(collection.Settings, new CollectionSink(collection), database.Directory);
        });
}
