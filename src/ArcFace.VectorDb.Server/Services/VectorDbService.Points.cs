using ArcFace.VectorDb.Protos;
using Google.Api;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>Writes and reads of points.</summary>
internal sealed partial class VectorDbService
{
    /// <inheritdoc />
    public override async Task<UpsertResponse> Upsert(IAsyncStreamReader<UpsertRequest> requestStream, ServerCallContext context)
    {
        VectorCollection? collection = null;
        ulong upserted = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (request.Collection.Length > 0 && request.Collection != collection?.Settings.Name)
                collection = Collection(request.Collection);
            if (collection is null)
                throw RequestChecks.Invalid("The first Upsert message must name the collection.");
            upserted += await UpsertBatchAsync(collection, request, context.CancellationToken);
        }
        return new UpsertResponse { Upserted = upserted };
    }

    /// <inheritdoc />
    public override async Task<UpsertResponse> UpsertPoints(UpsertRequest request, ServerCallContext context) =>
        new() { Upserted = await UpsertBatchAsync(Collection(request.Collection), request, context.CancellationToken) };

    /// <summary>Writes the points of one Upsert message (one streamed batch, or an UpsertPoints call) and returns how many.</summary>
    private async Task<ulong> UpsertBatchAsync(VectorCollection collection, UpsertRequest request, CancellationToken cancellation)
    {
        var records = new LogRecord[request.Points.Count];
        for (int i = 0; i < records.Length; i++)
            records[i] = ProtoMapping.Record(request.Points[i]);
        // The collection checks every vector (dimension, finite, a direction for cosine) before it writes any.
        await collection.UpsertAsync(records, request.Wait ? Durability.Durable : Durability.FireAndForget, cancellation);
        metrics.PointsWritten(collection.Settings.Name, records.Length);
        return (ulong)records.Length;
    }

    /// <inheritdoc />
    public override async Task<DeleteResponse> Delete(DeleteRequest request, ServerCallContext context)
    {
        var collection = Collection(request.Collection);
        int deleted = await collection.DeleteAsync([.. request.Ids], request.Wait ? Durability.Durable : Durability.FireAndForget, context.CancellationToken);
        return new DeleteResponse { Deleted = (ulong)deleted };
    }

    /// <inheritdoc />
    public override Task<GetResponse> Get(GetRequest request, ServerCallContext context)
    {
        var collection = Collection(request.Collection);
        var response = new GetResponse();
        long bytes = 0;
        foreach (ulong id in request.Ids)
        {
            if (collection.Get(id) is not { } record)
                continue;
            var point = record.ToProto(request.WithVectors);
            bytes += point.CalculateSize() + 8;
            replyLimit.Check(bytes, request.WithVectors ? "ask for fewer ids, or leave out the vectors." : "ask for fewer ids.");
            response.Points.Add(point);
        }
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<HttpBody> GetThumbnail(GetThumbnailRequest request, ServerCallContext context)
    {
        var collection = Collection(request.Collection);
        return Task.FromResult(ThumbnailReply.Of(collection.GetThumbnail(request.Id), collection.Settings.Name, request.Id));
    }
}
