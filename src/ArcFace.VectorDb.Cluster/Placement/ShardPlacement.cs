using Orleans.Placement;

namespace ArcFace.VectorDb.Cluster.Placement;

/// <summary>The placement of shard grains: on their <see cref="PreferredSilo"/>.</summary>
[GenerateSerializer, Immutable, Alias("arcvdb.ShardPlacementStrategy")]
public sealed class ShardPlacementStrategy : PlacementStrategy;

/// <summary>Places a grain class's activations with <see cref="ShardPlacementStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardPlacementAttribute() : PlacementAttribute(new ShardPlacementStrategy());
