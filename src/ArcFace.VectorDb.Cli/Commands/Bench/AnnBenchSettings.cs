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
    FileInfo? JsonFile,
    FileInfo? SnapshotFile = null,
    FileInfo? IdsFile = null,
    float? Oversampling = null)
{
    /// <summary>Where a quantised index built or loaded with --snapshot keeps its exact vectors (beside the snapshot); a temporary file without --snapshot.</summary>
    public ExactVectorLocation? ExactVectors => SnapshotFile is null ? null : new(SnapshotFile.FullName + ".rerank");

    /// <summary>The data set name for the report: --name, else the folder of a base file called base.*, else its file name.</summary>
    public string DatasetName =>
        Name ?? (Path.GetFileNameWithoutExtension(BaseFile.Name) == "base" && BaseFile.Directory is not null
            ? BaseFile.Directory.Name
            : Path.GetFileNameWithoutExtension(BaseFile.Name));
}
