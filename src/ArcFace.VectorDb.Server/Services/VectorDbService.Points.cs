using ArcFace.VectorDb.Protos;
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
            var records = new LogRecord[request.Points.Count];
            for (int i = 0; i < records.Length; i++)
            {
                var point = request.Points[i];
                records[i] = ProtoMapping.Record(point, RequestChecks.Vector(point.Vector, collection.Settings, $"point {point.Id}"));
            }
            try
            {
                await collection.UpsertAsync(records, request.Wait ? Durability.Durable : Durability.FireAndForget, context.CancellationToken);
            }
            catch (ArgumentException e)
            {
                throw RequestChecks.Invalid(e.Message);
            }
            metrics.PointsWritten(collection.Settings.Name, records.Length);
            upserted += (ulong)records.Length;
        }
        return new UpsertResponse { Upserted = upserted };
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
        foreach (ulong id in request.Ids)
        {
            if (collection.Get(id) is { } record)
                response.Points.Add(record.ToProto(request.WithVectors));
        }
        return Task.FromResult(response);
    }
}
