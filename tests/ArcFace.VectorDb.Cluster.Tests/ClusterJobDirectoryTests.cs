using ArcFace.VectorDb.Cluster.Jobs;
using ArcFace.VectorDb.Evaluation;
using ArcFace.VectorDb.Evaluation.Jobs;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>Two silos' job folders under one shared root, each read through its own <see cref="ClusterJobDirectory"/>; silo "a" runs the jobs.</summary>
public sealed class ClusterJobDirectoryTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly TempDirectory root = new();
    private readonly SemaphoreSlim gate = new(0);
    private volatile bool siloARuns = true;
    private EvaluationJobs jobsA = null!, jobsB = null!;
    private ClusterJobDirectory a = null!, b = null!;

    /// <inheritdoc />
    public Task InitializeAsync()
    {
        jobsA = new EvaluationJobs(root.File("a"), threadsPerJob: 1);
        jobsB = new EvaluationJobs(root.File("b"), threadsPerJob: 1);
        a = new ClusterJobDirectory(jobsA, new ForeignJobs(root.Path, "a", _ => true));
        b = new ClusterJobDirectory(jobsB, new ForeignJobs(root.Path, "b", silo => silo != "a" || siloARuns));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
        await jobsA.DisposeAsync();
        await jobsB.DisposeAsync();
        gate.Dispose();
        root.Dispose();
    }

    [Fact]
    public async Task A_job_of_silo_a_is_found_listed_and_watched_to_its_end_through_silo_b()
    {
        var own = jobsB.Start("test", "b's own", _ => new JobOutcome(new { value = 1 }, []));
        var started = jobsA.Start("test", "a's", Gated);
        var seen = new List<JobRecord>();
        await foreach (var record in b.WatchAsync(started.Id, new CancellationTokenSource(Limit).Token))
        {
            seen.Add(record);
            if (record.State == JobState.Running)
                gate.Release();
        }

        Assert.Contains(JobState.Running, seen.Select(record => record.State));
        var final = seen[^1];
        Assert.Equal((JobState.Succeeded, 42), (final.State, final.Result!.Value.GetProperty("value").GetInt32()));
        Assert.Equal(JobState.Succeeded, b.Find(started.Id)!.State);
        Assert.Equal([own.Id, started.Id], b.List().Select(record => record.Id));
        Assert.Equal("42", File.ReadAllText(Assert.Single(b.Find(started.Id)!.ReportFiles)));
    }

    [Fact]
    public async Task Cancel_through_silo_b_stops_silo_as_running_job_within_a_poll()
    {
        var started = jobsA.Start("test", "a's", Gated);
        await UntilAsync(() => b.Find(started.Id)!.State == JobState.Running);

        Assert.Equal(JobState.Running, b.Cancel(started.Id)!.State);

        var final = await FinalAsync(b, started.Id);
        Assert.Equal((JobState.Cancelled, "Cancelled on request."), (final.State, final.Error));
        Assert.Equal(JobState.Cancelled, jobsA.Find(started.Id)!.State);
        Assert.Empty(Directory.EnumerateFiles(root.File("a"), "*.cancel"));
    }

    [Fact]
    public async Task A_running_job_whose_silo_left_the_cluster_reads_as_interrupted_and_its_watch_ends()
    {
        var started = jobsA.Start("test", "a's", Gated);
        await UntilAsync(() => b.Find(started.Id)!.State == JobState.Running);

        siloARuns = false;

        var final = await FinalAsync(b, started.Id);
        Assert.Equal(JobState.Interrupted, final.State);
        Assert.Contains("(a) left the cluster", final.Error, StringComparison.Ordinal);
        Assert.Equal(JobState.Interrupted, Assert.Single(b.List()).State);
        Assert.Equal(JobState.Running, jobsA.Find(started.Id)!.State);
    }

    [Fact]
    public void An_id_that_is_a_path_finds_nothing_and_an_unknown_id_cannot_be_watched()
    {
        File.WriteAllText(root.File("secret.json"), "{}");
        Assert.Null(b.Find("../secret"));
        Assert.Null(b.Cancel("../secret"));
        Assert.Throws<KeyNotFoundException>(() => b.WatchAsync("nope"));
    }

    /// <summary>A body that reports progress, waits for the gate (or its cancellation) and writes one report file.</summary>
    private JobOutcome Gated(JobContext context)
    {
        context.Progress.Report(new EvaluationProgress("waiting", 0, 1));
        gate.Wait(context.Cancellation);
        string file = Path.Combine(context.Folder, "answer.txt");
        File.WriteAllText(file, "42");
        return new JobOutcome(new { value = 42 }, [file]);
    }

    private static async Task<JobRecord> FinalAsync(IJobDirectory directory, string id)
    {
        JobRecord? last = null;
        await foreach (var record in directory.WatchAsync(id, new CancellationTokenSource(Limit).Token))
            last = record;
        return last!;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (!condition())
            await Task.Delay(20, timeout.Token);
    }
}
