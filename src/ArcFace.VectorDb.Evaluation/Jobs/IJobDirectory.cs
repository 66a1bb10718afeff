namespace ArcFace.VectorDb.Evaluation.Jobs;

/// <summary>The jobs the Evaluation service answers for: this process's (<see cref="EvaluationJobs"/>), or every silo's of a cluster.</summary>
public interface IJobDirectory
{
    /// <summary>The job's current record, or null when there is no such job.</summary>
    JobRecord? Find(string id);

    /// <summary>Every job, oldest first.</summary>
    IReadOnlyList<JobRecord> List();

    /// <summary>Asks a queued or running job to stop; returns its record (null when unknown). A finished job is left as it is.</summary>
    JobRecord? Cancel(string id);

    /// <summary>The job's record now and after every change, ending with its final state; throws KeyNotFoundException for an unknown id.</summary>
    IAsyncEnumerable<JobRecord> WatchAsync(string id, CancellationToken cancellation = default);
}
