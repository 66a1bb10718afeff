using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>The vectors of a `bench cluster` run: the base set (after --limit), all queries, and exact ground truth for the recall queries.</summary>
internal sealed record ClusterBenchInputs(VectorSet Base, VectorSet Queries, VectorSet RecallQueries, IdMatrix Truth, ClusterBenchInput Description)
{
    /// <summary>Reads the files; ground truth comes from --gt unless --limit cut the base set (or none was given), then it is computed by exact search.</summary>
    public static ClusterBenchInputs Read(ClusterBenchSettings settings, ProgressLog log)
    {
        var baseSet = log.Step($"reading {settings.Base.FullName}", () => VectorFiles.ReadVectors(settings.Base.FullName, settings.Limit ?? int.MaxValue));
        var queries = VectorFiles.ReadVectors(settings.Query.FullName);
        if (queries.Dimension != baseSet.Dimension)
            throw new ArgumentException($"The queries are {queries.Dimension}-d but the base vectors are {baseSet.Dimension}-d.");
        int recallCount = Math.Min(settings.RecallQueries, queries.Count);
        var recallQueries = new VectorSet(queries.Data[..(recallCount * queries.Dimension)], queries.Dimension);
        IdMatrix truth;
        string source;
        if (settings.GroundTruth is { } file && settings.Limit is null)
        {
            truth = VectorFiles.ReadIds(file.FullName, recallCount);
            if (truth.Count < recallCount)
                throw new ArgumentException($"{file.FullName} holds ground truth for {truth.Count} queries; the recall needs {recallCount}.");
            source = file.FullName;
        }
        else
        {
            truth = log.Step($"computing exact ground truth of {recallCount} queries over {baseSet.Count} points",
                () => GroundTruth.Compute(baseSet, recallQueries, Math.Max(settings.K, 10)));
            source = $"exact search over the {baseSet.Count} points served";
        }
        return new ClusterBenchInputs(baseSet, queries, recallQueries, truth,
            new ClusterBenchInput(settings.Base.FullName, settings.Query.FullName, source, baseSet.Count, baseSet.Dimension, queries.Count));
    }
}
