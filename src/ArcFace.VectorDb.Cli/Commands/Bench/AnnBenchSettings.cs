using ArcFace.VectorDb.Core.Hnsw;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>What `arcvdb bench ann` was asked to do.</summary>
internal sealed record AnnBenchSettings(
    FileInfo BaseFile,
    FileInfo QueryFile,
    FileInfo? TruthFile,
    string? Name,
    HnswOptions Options,
    int[] Efs,
    int K,
    int Threads,
    int? QueryLimit,
    FileInfo? JsonFile)
{
    /// <summary>Throws with a clear message when a setting is out of range.</summary>
    public void Validate()
    {
        Options.Validate();
        if (K is < 1 or > 10_000)
            throw new ArgumentException($"--k must be between 1 and 10000 (got {K}).");
        if (Threads is < 1 or > 1024)
            throw new ArgumentException($"--threads must be between 1 and 1024 (got {Threads}).");
        if (Efs.Length == 0)
            throw new ArgumentException("--ef needs at least one value.");
        foreach (int ef in Efs)
        {
            if (ef < K)
                throw new ArgumentException($"--ef {ef} is below --k {K}: a search returns at most ef results.");
        }
        if (QueryLimit is < 1)
            throw new ArgumentException("--query-limit must be positive.");
    }

    /// <summary>The data set name for the report: --name, else the folder of a base file called base.*, else its file name.</summary>
    public string DatasetName =>
        Name ?? (Path.GetFileNameWithoutExtension(BaseFile.Name) == "base" && BaseFile.Directory is not null
            ? BaseFile.Directory.Name
            : Path.GetFileNameWithoutExtension(BaseFile.Name));
}
