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
        return imageSearch.SearchAsync(request, collection.Settings, (vector, query) =>
            Task.FromResult<IReadOnlyList<Hit>>([.. collection.Search(vector, query.K, query.Ef, query.Filter, query.Oversampling).Select(hit => hit.ToProto(collection, query.WithVectors))]),
            context.CancellationToken);
    }

    private SearchResponse Run(SearchRequest request, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var collection = Collection(request.Collection);
        var (k, ef) = RequestChecks.KAndEf(request.K, request.Ef);
        var search = new HitQuery(k, ef, RequestChecks.Oversampling(request.Oversampling), RequestChecks.Filter(request.Filter), request.WithVectors);
        return Hits(collection, request.Vector.ToArray(), search);
    }

    private SearchResponse Hits(VectorCollection collection, float[] vector, HitQuery search)
    {
        var response = new SearchResponse();
        long bytes = 0;
        AddHits(response.Hits, collection, vector, search, ref bytes);
        return response;
    }

    private void AddHits(Google.Protobuf.Collections.RepeatedField<Hit> target, VectorCollection collection, float[] vector, HitQuery search, ref long bytes)
    {
        foreach (var hit in collection.Search(vector, search.K, search.Ef, search.Filter, search.Oversampling))
        {
            var found = hit.ToProto(collection, search.WithVectors);
            bytes += found.CalculateSize() + 8;
            replyLimit.Check(bytes, "ask for a smaller k, or leave out the vectors.");
            target.Add(found);
        }
    }

    /// <summary>What a search request asks of each query vector.</summary>
    private sealed record HitQuery(int K, int Ef, float? Oversampling, SearchFilter? Filter, bool WithVectors);
}
