using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Storage;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>The collections of one database, as the single-node server describes them.</summary>
internal sealed class DatabaseDescriptions(VectorDatabase database) : ICollectionDescriptions
{
    /// <inheritdoc />
    public Task<IReadOnlyList<CollectionInfo>> DescribeAsync(CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<CollectionInfo>>([.. ProtoMapping.Infos(database)]);
}
