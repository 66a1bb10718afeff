using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Server.Observability;

/// <summary>The collection a request names, for logs: one switch over the request types that carry one.</summary>
internal static class RequestCollection
{
    /// <summary>The collection <paramref name="request"/> names, or null (SearchBatch may name several, so it names none here).</summary>
    public static string? Of(object? request)
    {
        string? name = request switch
        {
            CreateCollectionRequest r => r.Name,
            GetCollectionRequest r => r.Name,
            DropCollectionRequest r => r.Name,
            UpsertRequest r => r.Collection,
            DeleteRequest r => r.Collection,
            GetRequest r => r.Collection,
            SearchRequest r => r.Collection,
            SearchByImageRequest r => r.Collection,
            IngestImagesRequest r => r.Collection,
            _ => null,
        };
        return string.IsNullOrEmpty(name) ? null : name;
    }
}
