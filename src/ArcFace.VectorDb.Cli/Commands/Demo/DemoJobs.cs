using ArcFace.VectorDb.Evaluation;
using ArcFace.VectorDb.Protos;
using Grpc.Core;

namespace ArcFace.VectorDb.Cli.Commands.Demo;

/// <summary>Follows an evaluation job through WatchJob, with a progress bar per stage, to its end.</summary>
internal static class DemoJobs
{
    /// <summary>Watches <paramref name="started"/> until it ends; returns the final job, or throws when it did not succeed.</summary>
    public static async Task<Job> RunAsync(Protos.Evaluation.EvaluationClient client, Job started, ProgressLog log, CancellationToken cancellation)
    {
        log.Line($"evaluation job {started.Id}: {started.Request}");
        var final = await StagedProgress.RunAsync(log, async progress =>
        {
            var last = started;
            using var watch = client.WatchJob(new JobRequest { Id = started.Id }, cancellationToken: cancellation);
            await foreach (var job in watch.ResponseStream.ReadAllAsync(cancellation))
            {
                if (job.Stage.Length > 0)
                    progress.Report(new EvaluationProgress(job.Stage, (long)job.Done, (long)job.Total));
                last = job;
            }
            return last;
        });
        return final.State == JobState.Succeeded
            ? final
            : throw new InvalidOperationException($"Evaluation job {final.Id} ended {final.State}: {final.Error}");
    }
}
