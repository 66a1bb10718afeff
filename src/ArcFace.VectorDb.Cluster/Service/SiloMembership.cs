using ArcFace.VectorDb.Cluster.Jobs;
using Microsoft.Extensions.Options;

namespace ArcFace.VectorDb.Cluster.Service;

/// <summary>The cluster's silos as this silo's membership view has them: which are active, and the shard count a new collection gets.</summary>
internal sealed class SiloMembership(IClusterMembershipService membership, IOptions<Orleans.Configuration.ClusterOptions> cluster)
{
    /// <summary>
    /// Shards per active silo when CreateCollection leaves the count 0: one. Every search runs on every shard, and an HNSW
    /// search costs about the same on a quarter of the points, so more shards on the same cores divide throughput
    /// (docs/bench/cluster: 4 shards on one silo served 0.26× the queries of 1). Ask for more to leave room for silos added later.
    /// </summary>
    public const int ShardsPerSilo = 1;

    /// <summary>The cluster's id.</summary>
    public string ClusterId => cluster.Value.ClusterId;

    /// <summary>Every silo in the membership table: active ones first, then by address.</summary>
    public IReadOnlyList<ClusterMember> Members() =>
        [.. membership.CurrentSnapshot.Members.Values.OrderBy(member => member.Status != SiloStatus.Active).ThenBy(member => member.SiloAddress.Endpoint.ToString(), StringComparer.Ordinal)];

    /// <summary>True while a silo whose job folder is <paramref name="jobFolder"/> is in the membership table and not dead.</summary>
    public bool Runs(string jobFolder) =>
        membership.CurrentSnapshot.Members.Values.Any(member => member.Status != SiloStatus.Dead && JobFolders.Name(member.SiloAddress.Endpoint.Address, member.SiloAddress.Endpoint.Port) == jobFolder);

    /// <summary>The shard count a new collection gets when none is asked for.</summary>
    public int DefaultShardCount => ShardsPerSilo * Math.Max(1, Members().Count(member => member.Status == SiloStatus.Active));
}
