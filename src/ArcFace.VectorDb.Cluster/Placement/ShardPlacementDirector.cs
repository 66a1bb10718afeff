using ArcFace.VectorDb.Cluster.Shards;
using Orleans.Runtime.Placement;

namespace ArcFace.VectorDb.Cluster.Placement;

/// <summary>
/// Puts a new shard activation on its <see cref="PreferredSilo"/> among the silos that can host it, or where a moving
/// shard asked to go (the placement hint its migration carries), when that silo can host it.
/// </summary>
internal sealed class ShardPlacementDirector : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var key = ShardKey.Parse(target.GrainIdentity.Key.ToString()!);
        return Task.FromResult(IPlacementDirector.GetPlacementHint(target.RequestContextData, silos)
            ?? PreferredSilo.For(key, silos) ?? throw new OrleansException("No silo can host shards."));
    }
}
