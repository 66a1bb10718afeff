using System.CommandLine;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench ann`: builds an HNSW index and sweeps ef for recall, QPS and latency.</summary>
internal static class AnnBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => new("ann", "Build an HNSW index over a base set and measure recall@k, QPS and latency per ef.");
}
