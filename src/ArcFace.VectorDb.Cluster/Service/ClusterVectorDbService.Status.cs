using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Cluster.Service;

/// <summary>The cluster's status: silos, and where each collection's shards run.</summary>
internal sealed partial class ClusterVectorDbService
{
    /// <inheritdoc />
    public override async Task<ClusterStatus> GetClusterStatus(GetClusterStatusRequest request, ServerCallContext context)
    {
        var status = new ClusterStatus { ClusterId = silos.ClusterId };
        var held = new List<ShardStats>();
        foreach (string name in collections.Catalog.Names())
        {
            IReadOnlyList<ShardStats?> shards;
            try
            {
                shards = await collections.ReachableStatsAsync(name);
            }
            catch (CollectionNotFoundException)
            {
                continue;
            }
            var collection = new CollectionShards { Name = name };
            for (int i = 0; i < shards.Count; i++)
            {
                collection.Shards.Add(shards[i] is { } shard
                    ? new ShardInfo
                    {
                        Index = (uint)i, Silo = shard.Silo, Points = (ulong)shard.Points, DiskBytes = (ulong)shard.DiskBytes,
                        IndexMemoryBytes = (ulong)shard.IndexMemoryBytes, LeaseEpoch = (ulong)shard.LeaseEpoch,
                    }
                    : new ShardInfo { Index = (uint)i, Silo = "unavailable" });
                if (shards[i] is { } reached)
                    held.Add(reached);
            }
            status.Collections.Add(collection);
        }
        foreach (var member in silos.Members())
        {
            string address = member.SiloAddress.Endpoint.ToString();
            // A silo restarted on its old address is a new member beside its dead one: the shards are the living one's.
            var mine = member.Status == SiloStatus.Dead ? [] : held.Where(shard => shard.Silo == address).ToList();
            status.Silos.Add(new SiloInfo
            {
                Address = address, Status = member.Status.ToString(), Shards = (uint)mine.Count, Points = (ulong)mine.Sum(shard => shard.Points),
                DiskBytes = (ulong)mine.Sum(shard => shard.DiskBytes), IndexMemoryBytes = (ulong)mine.Sum(shard => shard.IndexMemoryBytes),
            });
        }
        return status;
    }
}
