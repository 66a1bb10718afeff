using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>Searches by vector, in batches and by image.</summary>
internal sealed partial class VectorDbService
{
    /// <inheritdoc />
    public override Task<SearchResponse> Search(SearchRequest request, ServerCallContext context) => Task.FromResult(Run(request, context.CancellationToken));

    /// <inheritdoc />
    public override Task<SearchBatchResponse> SearchBatch(SearchBatchRequest request, ServerCallContext context)
    {
        if (request.Searches.Count == 0)
            throw RequestChecks.Invalid("SearchBatch holds no searches.");
        var results = new SearchResponse[request.Searches.Count];
        var options = new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        try
        {
            Parallel.For(0, results.Length, options, i => results[i] = Run(request.Searches[i], context.CancellationToken));
        }
        catch (AggregateException e) when (e.InnerException is { } first)
        {
            // The first failing search speaks for the batch, mapped to a status like a single search.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
        catch (OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "The batch was cancelled."));
        }
        var response = new SearchBatchResponse();
        response.Results.AddRange(results);
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<SearchResponse> SearchByImage(SearchByImageRequest request, ServerCallContext context)
    {
        var collection = Collection(request.Collection);
        var (k, ef) = RequestChecks.KAndEf(request.K, request.Ef);
        if (request.Image.IsEmpty)
            throw RequestChecks.Invalid("The image is empty.");
        var embedder = embedders.For(collection.Settings);
        var embedded = embedder.Embed(new GalleryItem("query image", "query image", "", 0, Content: request.Image.ToByteArray()));
        if (embedded.Problem is { } problem)
            throw RequestChecks.Invalid($"The image cannot be used: {problem}.");
        context.CancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Hits(collection, embedded.Points[0].Vector, k, ef, RequestChecks.Filter(request.Filter), request.WithVectors));
    }

    private SearchResponse Run(SearchRequest request, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var collection = Collection(request.Collection);
        var (k, ef) = RequestChecks.KAndEf(request.K, request.Ef);
        return Hits(collection, request.Vector.ToArray(), k, ef, RequestChecks.Filter(request.Filter), request.WithVectors);
    }

    private SearchResponse Hits(VectorCollection collection, float[] vector, int k, int ef, SearchFilter? filter, bool withVectors)
    {
        var hits = collection.Search(vector, k, ef, filter);
        var response = new SearchResponse();
        long bytes = 0;
        foreach (var hit in hits)
        {
            var found = hit.ToProto(collection, withVectors);
            bytes += found.CalculateSize() + 8;
            replyLimit.Check(bytes, "ask for a smaller k, or leave out the vectors.");
            response.Hits.Add(found);
        }
        return response;
    }
}
