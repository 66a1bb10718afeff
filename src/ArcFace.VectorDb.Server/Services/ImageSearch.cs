using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>The hits of one query vector, as the backend (one collection, or a cluster's shards) finds them for a checked <see cref="ImageQuery"/>.</summary>
internal delegate Task<IReadOnlyList<Hit>> VectorSearch(float[] vector, ImageQuery query);

/// <summary>What SearchByImage asks of each vector the photo gave, its k, ef, filter and oversampling checked by the single node's rules.</summary>
internal sealed record ImageQuery(int K, int Ef, float? Oversampling, SearchFilter? Filter, bool WithVectors, SearchByImageRequest Request);

/// <summary>
/// SearchByImage on any backend: checks the request, embeds the photo with the collection's model, and answers with the
/// hits of its one vector, or per face (the largest face's hits also as the response's own) when the collection detects faces.
/// </summary>
internal sealed class ImageSearch(CollectionEmbedders embedders, ReplyLimit replyLimit)
{
    /// <summary>Answers <paramref name="request"/> against the collection with <paramref name="settings"/> (already found), searching each vector with <paramref name="search"/>.</summary>
    public async Task<SearchResponse> SearchAsync(SearchByImageRequest request, CollectionSettings settings, VectorSearch search, CancellationToken cancellation)
    {
        var (k, ef) = RequestChecks.KAndEf(request.K, request.Ef);
        if (request.Image.IsEmpty)
            throw RequestChecks.Invalid("The image is empty.");
        var embedder = embedders.For(settings);
        var embedded = embedder.Embed(new GalleryItem("query image", "query image", "", 0, Content: request.Image.ToByteArray()));
        cancellation.ThrowIfCancellationRequested();
        var filter = RequestChecks.Filter(request.Filter);
        var query = new ImageQuery(k, ef, RequestChecks.Oversampling(request.Oversampling), filter, request.WithVectors, request);
        if (embedder.Faces is null)
        {
            if (embedded.Problem is { } problem)
                throw RequestChecks.Invalid($"The image cannot be used: {problem}.");
            var response = new SearchResponse();
            long bytes = 0;
            AddHits(response.Hits, await search(embedded.Points[0].Vector, query), ref bytes);
            return response;
        }
        // A photo without a face is an answer (no faces, no hits), not an error; one that cannot be decoded is.
        if (embedded.Problem is { } unusable && !unusable.StartsWith(ImageEmbedder.NoFace, StringComparison.Ordinal))
            throw RequestChecks.Invalid($"The image cannot be used: {unusable}.");
        return await FaceHitsAsync(embedded.Points, query, search);
    }

    /// <summary>Every face's hits, left to right; the largest face's hits also as the response's own (what a client that knows no faces reads).</summary>
    private async Task<SearchResponse> FaceHitsAsync(IReadOnlyList<EmbeddedPoint> faces, ImageQuery query, VectorSearch search)
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
            AddHits(found.Hits, await search(point.Vector, query), ref bytes);
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

    private void AddHits(Google.Protobuf.Collections.RepeatedField<Hit> target, IReadOnlyList<Hit> hits, ref long bytes)
    {
        foreach (var hit in hits)
        {
            bytes += hit.CalculateSize() + 8;
            replyLimit.Check(bytes, "ask for a smaller k, or leave out the vectors.");
            target.Add(hit);
        }
    }
}
