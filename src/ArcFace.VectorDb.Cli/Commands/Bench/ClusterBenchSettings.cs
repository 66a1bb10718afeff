namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// What `bench cluster` runs on and how: vector files (ground truth optional), client counts, seconds per load level,
/// k and ef of the load, the efs recall is measured at (over the first <paramref name="RecallQueries"/> queries),
/// failover runs, Redis ("HOST:PORT", or null to start one), where temporary data and the report go.
/// </summary>
internal sealed record ClusterBenchSettings(FileInfo Base, FileInfo Query, FileInfo? GroundTruth, int? Limit, int[] Clients, double Seconds, int K, int Ef, int[] RecallEfs,
    int RecallQueries, int FailoverRuns, string? Redis, DirectoryInfo WorkDirectory, DirectoryInfo Out);
