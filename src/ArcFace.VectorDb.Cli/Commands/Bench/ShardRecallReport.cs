namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>What `bench shard-recall` measured: one index over every point, then the same points in shards routed two ways.</summary>
internal sealed record ShardRecallReport(string Dataset, int Points, int Dimension, int Queries, int K, int Shards, IReadOnlyList<ShardLayoutRun> Layouts);

/// <summary>
/// One way of placing the points: <paramref name="Route"/> is "none" (one index), "id" (splitmix64 of the id, as the
/// cluster routes) or "label" (splitmix64 of the label, so every point of a label shares a shard).
/// </summary>
internal sealed record ShardLayoutRun(string Route, int[] ShardPoints, double BuildSeconds, IReadOnlyList<ShardRecallAtEf> Runs);

/// <summary>Recall@k of the merged top k at one ef, and the time of one query (every shard searched in turn on one thread).</summary>
internal sealed record ShardRecallAtEf(int Ef, double Recall, double MicrosecondsPerQuery);
