using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cluster.Hosting;

/// <summary>The cluster's collections as a silo's metrics describe them (each the sum of its shards, wherever they run).</summary>
internal sealed class ClusterDescriptions(ShardedCollections collections) : ICollectionDescriptions
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<CollectionInfo>> DescribeAsync(CancellationToken cancellation)
    {
        var infos = new List<CollectionInfo>();
        foreach (string name in collections.Catalog.Names())
        {
            try
            {
                infos.Add(await collections.DescribeAsync(name));
            }
            catch (CollectionNotFoundException)
            {
                // Dropped since the names were read.
            }
        }
        return infos;
    }
}
