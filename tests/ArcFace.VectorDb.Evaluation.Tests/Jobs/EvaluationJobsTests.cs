using ArcFace.VectorDb.Evaluation.Jobs;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Jobs;

public class EvaluationJobsTests
{
    private static EvaluationJobs Open(TempDirectory dir, Action<string>? warn = null) => new(dir.File("jobs"), threadsPerJob: 1, warn: warn);

    [Fact]
    public async Task A_job_is_queued_then_runs_then_succeeds_with_its_result_and_report_files()
    {
        using var dir = new TempDirectory();
        using var body = new GatedBody();
        await using var jobs = Open(dir);

        var queued = jobs.Start("test", "the answer", body.Run);
        await body.Started;
        var running = jobs.Find(queued.Id)!;
        // A watch yields the latest record after each change, so a watcher that wakes late skips states; this one
        // lets the body finish only once it has seen the job running.
        var seen = new List<JobRecord>();
        using var timeout = new CancellationTokenSource(JobWatch.Limit);
        await foreach (var record in jobs.WatchAsync(queued.Id, timeout.Token))
        {
            seen.Add(record);
            if (record.State == JobState.Running)
                body.Release();
        }

        Assert.Equal((JobState.Queued, "test", "the answer"), (queued.State, queued.Kind, queued.Request));
        Assert.Equal((JobState.Running, "waiting", 1L), (running.State, running.Stage, running.Total));
        // Watching yields the states in their order of life: Running (once per progress change), then Succeeded.
        var states = seen.Select(r => r.State).Distinct().ToList();
        Assert.Equal(states.Order().ToList(), states);
        Assert.Contains(JobState.Running, states);
        var final = seen[^1];
        Assert.Equal(JobState.Succeeded, final.State);
        Assert.Equal(42, final.Result!.Value.GetProperty("value").GetInt32());
        Assert.Equal("42", File.ReadAllText(Assert.Single(final.ReportFiles)));
        Assert.StartsWith(new JobStore(dir.File("jobs")).ReportFolder(queued.Id), final.ReportFiles[0]);
        Assert.True(final.Started <= final.Finished);
    }

    [Fact]
    public async Task A_start_beyond_the_unfinished_limit_is_refused_and_one_more_fits_once_a_job_is_cancelled()
    {
        using var dir = new TempDirectory();
        using var body = new GatedBody();
        await using var jobs = Open(dir);
        var started = Enumerable.Range(0, EvaluationJobs.MaxUnfinished).Select(i => jobs.Start("test", $"job {i}", body.Run)).ToList();

        var refused = Assert.Throws<InvalidOperationException>(() => jobs.Start("test", "one too many", body.Run));
        jobs.Cancel(started[^1].Id);
        await JobWatch.FinalAsync(jobs, started[^1].Id);
        var accepted = jobs.Start("test", "fits again", body.Run);

        Assert.Contains($"at most {EvaluationJobs.MaxUnfinished}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(JobState.Queued, accepted.State);
        Assert.Equal(EvaluationJobs.MaxUnfinished + 1, jobs.List().Count);
    }

    [Fact]
    public async Task Jobs_run_one_at_a_time_so_a_second_stays_queued_until_the_first_finishes()
    {
        using var dir = new TempDirectory();
        using var first = new GatedBody();
        using var second = new GatedBody();
        await using var jobs = Open(dir);

        var one = await first.RunningAsync(jobs, "first");
        var two = jobs.Start("test", "second", second.Run);
        await Task.Delay(200);
        var waiting = jobs.Find(two.Id)!;
        second.Release();
        first.Release();
        var oneFinal = await JobWatch.FinalAsync(jobs, one.Id);
        var twoFinal = await JobWatch.FinalAsync(jobs, two.Id);

        Assert.Equal(JobState.Queued, waiting.State);
        Assert.Equal((JobState.Succeeded, JobState.Succeeded), (oneFinal.State, twoFinal.State));
        Assert.True(twoFinal.Started >= oneFinal.Finished, "the second job began before the first ended");
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_as_cancelled()
    {
        using var dir = new TempDirectory();
        using var body = new GatedBody();
        await using var jobs = Open(dir);

        var job = await body.RunningAsync(jobs, "cancel me");
        jobs.Cancel(job.Id);
        var final = await JobWatch.FinalAsync(jobs, job.Id);

        Assert.Equal((JobState.Cancelled, "Cancelled on request."), (final.State, final.Error));
        Assert.Null(final.Result);
    }

    [Fact]
    public async Task Cancelling_a_queued_job_cancels_it_without_running_its_body_and_frees_no_slot_it_never_held()
    {
        using var dir = new TempDirectory();
        using var first = new GatedBody();
        using var queued = new GatedBody();
        using var third = new GatedBody();
        await using var jobs = Open(dir);

        var one = await first.RunningAsync(jobs, "runs");
        var two = jobs.Start("test", "cancelled while queued", queued.Run);
        jobs.Cancel(two.Id);
        var twoFinal = await JobWatch.FinalAsync(jobs, two.Id);
        var three = jobs.Start("test", "queued behind the first", third.Run);
        await Task.Delay(200);
        bool thirdRanEarly = third.Ran;
        first.Release();
        third.Release();

        Assert.Equal(JobState.Cancelled, twoFinal.State);
        Assert.False(queued.Ran);
        Assert.False(thirdRanEarly, "a cancelled queued job released a slot it never held");
        Assert.Equal(JobState.Succeeded, (await JobWatch.FinalAsync(jobs, one.Id)).State);
        Assert.Equal(JobState.Succeeded, (await JobWatch.FinalAsync(jobs, three.Id)).State);
    }

    [Fact]
    public async Task A_body_that_throws_fails_the_job_with_the_message_and_names_unexpected_exception_types()
    {
        using var dir = new TempDirectory();
        await using var jobs = Open(dir);

        var invalid = jobs.Start("test", "bad argument", _ => throw new ArgumentException("k = 0 must be at least 1."));
        var broken = jobs.Start("test", "bug", _ => throw new InvalidOperationException("boom"));

        var invalidFinal = await JobWatch.FinalAsync(jobs, invalid.Id);
        var brokenFinal = await JobWatch.FinalAsync(jobs, broken.Id);
        Assert.Equal((JobState.Failed, "k = 0 must be at least 1."), (invalidFinal.State, invalidFinal.Error));
        Assert.Equal((JobState.Failed, "InvalidOperationException: boom"), (brokenFinal.State, brokenFinal.Error));
    }

    [Fact]
    public async Task Disposing_interrupts_the_running_and_queued_jobs_and_saves_that()
    {
        using var dir = new TempDirectory();
        using var running = new GatedBody();
        using var waiting = new GatedBody();
        var jobs = Open(dir);

        var one = await running.RunningAsync(jobs, "running");
        var two = jobs.Start("test", "queued", waiting.Run);
        await jobs.DisposeAsync().AsTask().WaitAsync(JobWatch.Limit);

        var stored = new JobStore(dir.File("jobs")).LoadAll().ToDictionary(r => r.Id);
        Assert.Equal((JobState.Interrupted, "The server stopped before the job finished."), (stored[one.Id].State, stored[one.Id].Error));
        Assert.Equal(JobState.Interrupted, stored[two.Id].State);
        Assert.False(waiting.Ran);
    }

    [Fact]
    public async Task Disposing_twice_is_harmless()
    {
        using var dir = new TempDirectory();
        var jobs = Open(dir);
        jobs.Start("test", "quick", _ => new JobOutcome(new GatedBody.Answer(1), []));

        await jobs.DisposeAsync();
        await jobs.DisposeAsync();
    }

    [Fact]
    public async Task A_new_instance_over_the_same_folder_lists_every_earlier_job_with_its_final_state()
    {
        using var dir = new TempDirectory();
        using var cancelled = new GatedBody();
        using var succeeded = new GatedBody();
        string[] ids;
        await using (var jobs = Open(dir))
        {
            var cancel = await cancelled.RunningAsync(jobs, "cancelled");
            jobs.Cancel(cancel.Id);
            await JobWatch.FinalAsync(jobs, cancel.Id);
            var fail = jobs.Start("test", "failed", _ => throw new ArgumentException("no"));
            await JobWatch.FinalAsync(jobs, fail.Id);
            succeeded.Release();
            var succeed = jobs.Start("test", "succeeded", succeeded.Run);
            await JobWatch.FinalAsync(jobs, succeed.Id);
            ids = [cancel.Id, fail.Id, succeed.Id];
        }

        await using var reopened = Open(dir);

        var listed = reopened.List();
        Assert.Equal(ids, listed.Select(r => r.Id));
        Assert.Equal([JobState.Cancelled, JobState.Failed, JobState.Succeeded], listed.Select(r => r.State));
        Assert.Equal(42, listed[2].Result!.Value.GetProperty("value").GetInt32());
        Assert.Equal("no", reopened.Find(ids[1])!.Error);
        Assert.Equal(JobState.Succeeded, (await JobWatch.FinalAsync(reopened, ids[2])).State);
    }

    [Fact]
    public async Task An_unknown_id_is_null_to_get_and_cancel_and_an_error_to_watch()
    {
        using var dir = new TempDirectory();
        await using var jobs = Open(dir);

        Assert.Null(jobs.Find("nope"));
        Assert.Null(jobs.Cancel("nope"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => JobWatch.UntilFinalAsync(jobs, "nope"));
    }
}
