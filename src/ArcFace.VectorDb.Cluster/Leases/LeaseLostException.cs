namespace ArcFace.VectorDb.Cluster.Leases;

/// <summary>This activation no longer holds (or never won) the lease of a shard's folder: it must not write.</summary>
public sealed class LeaseLostException(string message) : Exception(message);
