using System.Globalization;
using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Cli.Data;

/// <summary>The files of a benchmark data set in one folder: base.fvecs, query.fvecs, gt.ivecs, base.labels, query.labels.</summary>
internal static class BenchDatasetFiles
{
    /// <summary>The base vectors.</summary>
    public const string Base = "base.fvecs";

    /// <summary>The query vectors.</summary>
    public const string Queries = "query.fvecs";

    /// <summary>Exact top-k base row indices per query.</summary>
    public const string GroundTruth = "gt.ivecs";

    /// <summary>One label per line for the base vectors.</summary>
    public const string BaseLabels = "base.labels";

    /// <summary>One label per line for the queries.</summary>
    public const string QueryLabels = "query.labels";

    /// <summary>Writes the data set and its ground truth into <paramref name="folder"/> (created if needed) and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string folder, BenchDataset dataset, IdMatrix groundTruth)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot create the output folder {folder}: {e.Message}", e);
        }
        string Output(string name) => Path.Combine(folder, name);
        VectorFiles.WriteFvecs(Output(Base), dataset.Base.Vectors);
        VectorFiles.WriteFvecs(Output(Queries), dataset.Queries.Vectors);
        VectorFiles.WriteIvecs(Output(GroundTruth), groundTruth);
        WriteLabels(Output(BaseLabels), dataset.Base.Labels);
        WriteLabels(Output(QueryLabels), dataset.Queries.Labels);
        return [Output(Base), Output(Queries), Output(GroundTruth), Output(BaseLabels), Output(QueryLabels)];
    }

    private static void WriteLabels(string path, int[] labels)
    {
        using var writer = new StreamWriter(path);
        foreach (int label in labels)
            writer.WriteLine(label.ToString(CultureInfo.InvariantCulture));
    }
}
