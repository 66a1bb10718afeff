using ArcFace.VectorDb.Embedding.Images;
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
        context.CancellationToken.ThrowIfCancellationRequested();
        var filter = RequestChecks.Filter(request.Filter);
        var search = new HitQuery(k, ef, RequestChecks.Oversampling(request.Oversampling), filter, request.WithVectors);
        if (embedder.Faces is null)
        {
            return embedded.Problem is { } problem
                ? throw RequestChecks.Invalid($"The image cannot be used: {problem}.")
                : Task.FromResult(Hits(collection, embedded.Points[0].Vector, search));
        }
        // A photo without a face is an answer (no faces, no hits), not an error; one that cannot be decoded is.
        if (embedded.Problem is { } unusable && !unusable.StartsWith(ImageEmbedder.NoFace, StringComparison.Ordinal))
            throw RequestChecks.Invalid($"The image cannot be used: {unusable}.");
        return Task.FromResult(FaceHits(collection, embedded.Points, search));
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

    /// <summary>Every face's hits, left to right; the largest face's hits also as the response's own (what a client that knows no faces reads).</summary>
    private SearchResponse FaceHits(VectorCollection collection, IReadOnlyList<EmbeddedPoint> faces, HitQuery search)
    {
        var response = new SearchResponse();
        long bytes = 0;
        foreach (var point in faces)
        {
            var face = point.Face!.Detected;
            var found = new FaceHits
            {
                Index = (uint)point.Face.Index, Score = face.Score,
                Box = new FaceBox { Left = face.Box.Left, Top = face.Box.Top, Right = face.Box.Right, Bottom = face.Box.Bottom },
            };
            found.Landmarks.AddRange(face.Landmarks.Select(landmark => new FacePoint { X = landmark.X, Y = landmark.Y }));
            AddHits(found.Hits, collection, point.Vector, search, ref bytes);
            response.Faces.Add(found);
        }
        if (response.Faces.MaxBy(face => (face.Box.Right - face.Box.Left) * (face.Box.Bottom - face.Box.Top)) is { } largest)
        {
            bytes += largest.Hits.Sum(hit => (long)hit.CalculateSize() + 8);
            replyLimit.Check(bytes, "ask for a smaller k, or leave out the vectors.");
            response.Hits.AddRange(largest.Hits);
        }
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
