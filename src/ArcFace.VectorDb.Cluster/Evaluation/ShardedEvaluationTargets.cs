using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Server.Services;

namespace ArcFace.VectorDb.Cluster.Evaluation;

/// <summary>A cluster's sharded collections for the Evaluation service: each looked up in the catalog, its count the sum of its shards'.</summary>
internal sealed class ShardedEvaluationTargets(ShardedCollections collections) : IEvaluationTargets
{
    /// <inheritdoc />
    public async Task<IEvaluationTarget> ExistingAsync(string name)
    {
        string checkedName = RequestChecks.CollectionName(name);
        var settings = collections.Existing(checkedName).Settings;
        return new ShardedEvaluationTarget(collections, settings, await collections.StatsAsync(checkedName));
    }
}
