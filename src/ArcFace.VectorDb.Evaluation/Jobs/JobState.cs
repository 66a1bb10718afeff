namespace ArcFace.VectorDb.Evaluation.Jobs;

/// <summary>Where an evaluation job is in its life.</summary>
public enum JobState
{
    /// <summary>Waiting for a slot (jobs run one at a time).</summary>
    Queued,

    /// <summary>Running now.</summary>
    Running,

    /// <summary>Finished with a result.</summary>
    Succeeded,

    /// <summary>Stopped by an error, which the job records.</summary>
    Failed,

    /// <summary>Stopped because someone asked.</summary>
    Cancelled,

    /// <summary>Was queued or running when the server stopped or crashed; it did not finish.</summary>
    Interrupted,
}

/// <summary>Facts about job states.</summary>
public static class JobStates
{
    /// <summary>True once a job can change no more.</summary>
    public static bool IsFinal(this JobState state) => state is not (JobState.Queued or JobState.Running);
}
