using ArcFace.VectorDb.Evaluation.Jobs;

namespace ArcFace.VectorDb.Evaluation.Tests.Jobs;

/// <summary>Follows a job to its end within a time limit, so a job that never ends fails the test instead of hanging it.</summary>
internal static class JobWatch
{
    /// <summary>The longest any test waits for a job.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Every record <see cref="EvaluationJobs.WatchAsync"/> yields, the final one last.</summary>
    public static async Task<List<JobRecord>> UntilFinalAsync(EvaluationJobs jobs, string id)
    {
        using var timeout = new CancellationTokenSource(Limit);
        var seen = new List<JobRecord>();
        await foreach (var record in jobs.WatchAsync(id, timeout.Token))
            seen.Add(record);
        return seen;
    }

    /// <summary>The job's final record.</summary>
    public static async Task<JobRecord> FinalAsync(EvaluationJobs jobs, string id) => (await UntilFinalAsync(jobs, id))[^1];
}
