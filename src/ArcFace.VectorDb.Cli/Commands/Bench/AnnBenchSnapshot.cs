using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Quantization;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>Loads the index that `bench ann --snapshot` saved, refusing one built from other data or parameters.</summary>
internal static class AnnBenchSnapshot
{
    /// <summary>Loads the snapshot and checks that it indexes exactly the base set with the requested M, efConstruction and metric.</summary>
    public static HnswIndex Load(FileInfo file, AnnBenchSettings settings, VectorSet vectors, ProgressLog log)
    {
        var written = HnswIndex.ReadOptions(file.FullName).Quantization;
        if (written != settings.Options.Quantization)
            throw new InvalidDataException($"--snapshot {file.FullName} holds an index with {written.Name()} quantisation, --quantization is {settings.Options.Quantization.Name()}; delete the file to rebuild it.");
        var index = log.Step($"loading the index from {file.FullName}", () => HnswIndex.LoadFromFile(file.FullName, settings.ExactVectors));
        var saved = index.Options;
        var wanted = settings.Options;
        string? mismatch =
            index.Dimension != vectors.Dimension || index.Count != vectors.Count ? $"{index.Count} × {index.Dimension} vectors, the base set has {vectors.Count} × {vectors.Dimension}"
            : saved.M != wanted.M ? $"M={saved.M}, --m is {wanted.M}"
            : saved.EfConstruction != wanted.EfConstruction ? $"efConstruction={saved.EfConstruction}, --ef-construction is {wanted.EfConstruction}"
            : saved.Metric != wanted.Metric ? $"metric {saved.Metric}, --metric is {wanted.Metric}"
            : null;
        if (mismatch is null)
            return index;
        index.Dispose();
        throw new InvalidDataException($"--snapshot {file.FullName} holds an index with {mismatch}; delete the file to rebuild it.");
    }
}
