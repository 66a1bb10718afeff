using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Jobs;

/// <summary>
/// Evaluation jobs in the background: they run one at a time (more wait, queued) on a bounded number of threads, so
/// searches keep their share of the machine; every state change is stored, so jobs are still listed after a restart
/// and one that was running when the process died is reported as interrupted. Disposing interrupts what is running.
/// </summary>
public sealed class EvaluationJobs : IJobDirectory, IAsyncDisposable
{
    /// <summary>Most jobs queued or running at once; a start beyond it is refused rather than queued without end.</summary>
    public const int MaxUnfinished = 32;

    private static readonly TimeSpan ProgressSaveInterval = TimeSpan.FromSeconds(1);

    private readonly JobStore store;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentDictionary<string, JobEntry> jobs = new();
    private readonly CancellationTokenSource shutdown = new();
    private int disposed;

    /// <summary>Opens the job folder (reloading earlier jobs); <paramref name="threadsPerJob"/> 0 means half the cores, at least one.</summary>
    public EvaluationJobs(string folder, int concurrentJobs = 1, int threadsPerJob = 0, Action<string>? warn = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrentJobs, 1);
        store = new JobStore(folder);
        slots = new SemaphoreSlim(concurrentJobs, concurrentJobs);
        ThreadsPerJob = threadsPerJob > 0 ? threadsPerJob : Math.Max(1, Environment.ProcessorCount / 2);
        foreach (var record in store.LoadAll(warn))
            jobs[record.Id] = new JobEntry(record, CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token));
    }

    /// <summary>The folder of the job records (each job's reports in a subfolder named by its id).</summary>
    public string Folder => store.Folder;

    /// <summary>Threads each job may use for its parallel parts.</summary>
    public int ThreadsPerJob { get; }

    /// <summary>
    /// Queues a job and returns its record at once; <paramref name="body"/> runs in the background. Throws
    /// <see cref="InvalidOperationException"/> when <see cref="MaxUnfinished"/> jobs are already queued or running.
    /// When a token of <paramref name="dropped"/> fires (a collection the job reads was dropped), the job is cancelled.
    /// </summary>
    public JobRecord Start(string kind, string request, Func<JobContext, JobOutcome> body, IReadOnlyList<CancellationToken>? dropped = null)
    {
        int unfinished = jobs.Values.Count(e => !e.Current.State.IsFinal());
        if (unfinished >= MaxUnfinished)
            throw new InvalidOperationException($"{unfinished} evaluation jobs are already queued or running (at most {MaxUnfinished}); wait for one to finish or cancel one.");
        var record = new JobRecord { Id = $"{kind}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Guid.NewGuid().ToString("N")[..8]}", Kind = kind, Request = request, Created = DateTimeOffset.UtcNow };
        var entry = new JobEntry(record, CancellationTokenSource.CreateLinkedTokenSource([shutdown.Token, .. dropped ?? []]));
        jobs[record.Id] = entry;
        store.Save(record);
        entry.Run = Task.Run(() => RunAsync(entry, body));
        return record;
    }

    /// <inheritdoc />
    public JobRecord? Find(string id) => jobs.TryGetValue(id, out var entry) ? entry.Current : null;

    /// <inheritdoc />
    public IReadOnlyList<JobRecord> List() => [.. jobs.Values.Select(e => e.Current).OrderBy(r => r.Created)];

    /// <inheritdoc />
    public JobRecord? Cancel(string id)
    {
        if (!jobs.TryGetValue(id, out var entry))
            return null;
        if (!entry.Current.State.IsFinal())
        {
            entry.CancelledOnRequest = true;
            entry.Cancellation.Cancel();
        }
        return entry.Current;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JobRecord> WatchAsync(string id, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        if (!jobs.TryGetValue(id, out var entry))
            throw new KeyNotFoundException($"There is no job '{id}'.");
        while (true)
        {
            var (record, changed) = entry.Snapshot();
            yield return record;
            if (record.State.IsFinal())
                yield break;
            await changed.WaitAsync(cancellation);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        await shutdown.CancelAsync();
        await Task.WhenAll(jobs.Values.Select(e => e.Run));
        foreach (var entry in jobs.Values)
            entry.Cancellation.Dispose();
        shutdown.Dispose();
        slots.Dispose();
    }

    private async Task RunAsync(JobEntry entry, Func<JobContext, JobOutcome> body)
    {
        var cancellation = entry.Cancellation.Token;
        try
        {
            await slots.WaitAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            Stop(entry);
            return;
        }
        try
        {
            // The slot may have been freed by a job that a shutdown or cancel just stopped, before this job's own token
            // heard of it (linked tokens are cancelled one after another): a stopped job must not start after all.
            if (shutdown.IsCancellationRequested || cancellation.IsCancellationRequested)
            {
                Stop(entry);
                return;
            }
            Change(entry, r => r with { State = JobState.Running, Started = DateTimeOffset.UtcNow }, save: true);
            string folder = store.ReportFolder(entry.Current.Id);
            Directory.CreateDirectory(folder);
            var lastSave = DateTime.UtcNow;
            var progress = new ImmediateProgress<EvaluationProgress>(p =>
            {
                bool save = DateTime.UtcNow - lastSave > ProgressSaveInterval;
                lastSave = save ? DateTime.UtcNow : lastSave;
                Change(entry, r => r.State == JobState.Running ? r with { Stage = p.Stage, Done = p.Done, Total = p.Total } : r, save);
            });
            var outcome = body(new JobContext(folder, progress, ThreadsPerJob, cancellation));
            var result = JsonSerializer.SerializeToElement(outcome.Report, outcome.Report.GetType(), EvaluationJson.Options);
            Change(entry, r => r with { State = JobState.Succeeded, Finished = DateTimeOffset.UtcNow, Result = result, ReportFiles = outcome.Files }, save: true);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Stop(entry);
        }
        catch (CollectionDroppedException e)
        {
            Stop(entry, e.Message);
        }
        catch (Exception e)
        {
            Change(entry, r => r with { State = JobState.Failed, Finished = DateTimeOffset.UtcNow, Error = e is ArgumentException or InvalidDataException or IOException ? e.Message : $"{e.GetType().Name}: {e.Message}" }, save: true);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Records a stop: interrupted when the jobs are shutting down, cancelled when someone asked or a collection it reads was dropped.</summary>
    private void Stop(JobEntry entry, string? dropped = null)
    {
        bool interrupted = shutdown.IsCancellationRequested;
        Change(entry, r => r with
        {
            State = interrupted ? JobState.Interrupted : JobState.Cancelled,
            Finished = DateTimeOffset.UtcNow,
            Error = interrupted ? "The server stopped before the job finished."
                : dropped ?? (entry.Dropped ? "Cancelled: a collection the job reads was dropped." : "Cancelled on request."),
        }, save: true);
    }

    private void Change(JobEntry entry, Func<JobRecord, JobRecord> change, bool save)
    {
        var record = entry.Change(change);
        if (save)
            store.Save(record);
    }

    /// <summary>One job in memory: its record, the signal of its next change, its cancellation and its task.</summary>
    private sealed class JobEntry(JobRecord record, CancellationTokenSource cancellation)
    {
        private readonly Lock gate = new();
        private JobRecord current = record;
        private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Task Run { get; set; } = Task.CompletedTask;

        /// <summary>True once someone asked to cancel the job (as opposed to a dropped collection).</summary>
        public volatile bool CancelledOnRequest;

        /// <summary>True when the job stopped because a collection it reads was dropped.</summary>
        public bool Dropped => Cancellation.IsCancellationRequested && !CancelledOnRequest;

        public JobRecord Current
        {
            get
            {
                lock (gate)
                    return current;
            }
        }

        public (JobRecord Record, Task Changed) Snapshot()
        {
            lock (gate)
                return (current, changed.Task);
        }

        public JobRecord Change(Func<JobRecord, JobRecord> change)
        {
            TaskCompletionSource signal;
            JobRecord next;
            lock (gate)
            {
                next = current = change(current);
                signal = changed;
                changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            signal.TrySetResult();
            return next;
        }
    }
}
