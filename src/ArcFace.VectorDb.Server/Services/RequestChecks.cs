using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>Request validation: every problem becomes INVALID_ARGUMENT with a message that names it.</summary>
internal static class RequestChecks
{
    /// <summary>Largest k a search may ask for.</summary>
    public const int MaxK = 10_000;

    /// <summary>Largest ef a search may ask for.</summary>
    public const int MaxEf = 100_000;

    /// <summary>ef when a request leaves it 0.</summary>
    public const int DefaultEf = 64;

    /// <summary>An INVALID_ARGUMENT error.</summary>
    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    /// <summary>Checks k and ef and returns the ef to use.</summary>
    public static (int K, int Ef) KAndEf(uint k, uint ef)
    {
        if (k is < 1 or > MaxK)
            throw Invalid($"k must be 1..{MaxK}; got {k}.");
        if (ef == 0)
            return ((int)k, Math.Max((int)k, DefaultEf));
        if (ef < k || ef > MaxEf)
            throw Invalid($"ef must be k..{MaxEf} (k = {k}); got {ef}.");
        return ((int)k, (int)ef);
    }

    /// <summary>A request's oversampling: null for 0 (the collection's default), else 1..100.</summary>
    public static float? Oversampling(float oversampling)
    {
        if (oversampling == 0f)
            return null;
        if (!(oversampling >= 1f && oversampling <= Core.Hnsw.HnswIndex.MaxOversampling))
            throw Invalid($"oversampling must be 1..{Core.Hnsw.HnswIndex.MaxOversampling}, or 0 for the default; got {oversampling}.");
        return oversampling;
    }

    /// <summary>The filter of a request, or null when it has none.</summary>
    public static SearchFilter? Filter(Protos.Filter? filter) =>
        filter is null || (filter.Labels.Count == 0 && filter.Attributes.Count == 0) ? null : new SearchFilter([.. filter.Labels], [.. filter.Attributes]);

    /// <summary>A valid collection name (INVALID_ARGUMENT otherwise, with the name shown cut to 64 characters).</summary>
    public static string CollectionName(string name) =>
        name.Length == 0 ? throw Invalid("The request names no collection.")
        : CollectionNames.Problem(name) is { } problem ? throw Invalid(problem)
        : name;
}
