using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>Finding the collection a request names.</summary>
internal static class CollectionLookup
{
    /// <summary>The named collection; INVALID_ARGUMENT for a malformed name, NOT_FOUND for an unknown one.</summary>
    public static VectorCollection Existing(this VectorDatabase database, string name) =>
        database.TryGetCollection(RequestChecks.CollectionName(name)) ?? throw NotFound(name);

    /// <summary>The NOT_FOUND error of an unknown collection (its name shown cut to 64 characters).</summary>
    public static RpcException NotFound(string name) => new(new Status(StatusCode.NotFound, $"No collection '{CollectionNames.Shown(name)}'."));
}
