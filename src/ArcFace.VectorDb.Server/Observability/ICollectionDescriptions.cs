using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Server.Observability;

/// <summary>What a server describes its collections as, for the gauges read at each scrape: one database's, or a cluster's.</summary>
public interface ICollectionDescriptions
{
    /// <summary>Every collection's description, in name order.</summary>
    Task<IReadOnlyList<CollectionInfo>> DescribeAsync(CancellationToken cancellation);
}
