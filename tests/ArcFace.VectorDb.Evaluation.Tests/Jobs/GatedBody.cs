using ArcFace.VectorDb.Evaluation.Jobs;

namespace ArcFace.VectorDb.Evaluation.Tests.Jobs;

/// <summary>A job body that reports progress, then waits until the test releases it (or the job is cancelled), then writes one report file.</summary>
internal sealed class GatedBody : IDisposable
{
    private readonly SemaphoreSlim gate = new(0);
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What a released body returns as its report.</summary>
    public sealed record Answer(int Value);

    /// <summary>True once the body has begun.</summary>
    public bool Ran => started.Task.IsCompleted;

    /// <summary>Completes when the body begins; fails the test after <see cref="JobWatch.Limit"/>.</summary>
    public Task Started => started.Task.WaitAsync(JobWatch.Limit);

    /// <summary>Starts a job running this body and returns its first record once the body has begun.</summary>
    public async Task<JobRecord> RunningAsync(EvaluationJobs jobs, string request)
    {
        var record = jobs.Start("test", request, Run);
        await Started;
        return record;
    }

    /// <summary>Lets the body finish.</summary>
    public void Release() => gate.Release();

    /// <summary>The body to pass to <see cref="EvaluationJobs.Start"/>.</summary>
    public JobOutcome Run(JobContext context)
    {
        context.Progress.Report(new EvaluationProgress("waiting", 0, 1));
        started.TrySetResult();
        gate.Wait(context.Cancellation);
        string file = Path.Combine(context.Folder, "answer.txt");
        File.WriteAllText(file, "42");
        return new JobOutcome(new Answer(42), [file]);
    }

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();
}
