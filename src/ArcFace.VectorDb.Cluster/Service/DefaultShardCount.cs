namespace ArcFace.VectorDb.Cluster.Service;

/// <summary>The shard count a collection gets when CreateCollection leaves it 0: two per active silo, so each silo's cores have two indexes to search.</summary>
internal sealed class DefaultShardCount(IClusterMembershipService membership)
{
    /// <summary>Shards per active silo.</summary>
    public const int PerSilo = 2;

    /// <summary>The count now.</summary>
    public int Value => PerSilo * Math.Max(1, membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active));
}
