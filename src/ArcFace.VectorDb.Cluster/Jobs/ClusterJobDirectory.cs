using System.Runtime.CompilerServices;
using ArcFace.VectorDb.Evaluation.Jobs;

namespace ArcFace.VectorDb.Cluster.Jobs;

/// <summary>
/// The jobs of every silo: this silo's own (live) and the records the others keep on the
/// shared folder (polled). A cancel of another silo's job is a request file that silo
/// serves within <see cref="PollInterval"/>; this silo serves the requests for its own jobs in the background.
/// </summary>
internal sealed class ClusterJobDirectory : IJobDirectory, IAsyncDisposable
{
    /// <summary>How often a watch of another silo's job rereads its record, and how often cancel requests are served.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly EvaluationJobs local;
    private readonly ForeignJobs foreign;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;

    /// <summary>Reads through both and starts serving cancel requests for <paramref name="local"/>'s jobs.</summary>
    public ClusterJobDirectory(EvaluationJobs local, ForeignJobs foreign)
    {
        (this.local, this.foreign) = (local, foreign);
        serving = Task.Run(ServeCancelRequestsAsync);
    }

    /// <inheritdoc />
    public JobRecord? Find(string id) => local.Find(id) ?? foreign.Find(id)?.Record;

    /// <inheritdoc />
    public IReadOnlyList<JobRecord> List() => [.. local.List().Concat(foreign.All()).OrderBy(record => record.Created)];

    /// <inheritdoc />
    public JobRecord? Cancel(string id)
    {
        if (local.Find(id) is not null)
            return local.Cancel(id);
        if (foreign.Find(id) is not { } found)
            return null;
        if (!found.Record.State.IsFinal())
            CancelRequests.Ask(found.Store, id);
        return found.Record;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<JobRecord> WatchAsync(string id, CancellationToken cancellation = default) =>
        local.Find(id) is not null ? local.WatchAsync(id, cancellation)
        : foreign.Find(id) is not null ? PollAsync(id, cancellation)
        : throw new KeyNotFoundException($"There is no job '{id}'.");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
            return;
        await stop.CancelAsync();
        await serving;
        stop.Dispose();
    }

    /// <summary>Another silo's job: its record now and whenever a reread finds it changed, until it is final (or gone).</summary>
    private async IAsyncEnumerable<JobRecord> PollAsync(string id, [EnumeratorCancellation] CancellationToken cancellation)
    {
        JobRecord? last = null;
        while (foreign.Find(id)?.Record is { } record)
        {
            if (last is null || (record.State, record.Stage, record.Done, record.Total) != (last.State, last.Stage, last.Done, last.Total))
                yield return last = record;
            if (record.State.IsFinal())
                yield break;
            await Task.Delay(PollInterval, cancellation);
        }
    }

    private async Task ServeCancelRequestsAsync()
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    if (local.List().Any(record => !record.State.IsFinal()))
                        CancelRequests.Serve(local);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A request another silo is writing right now, or a shared folder that hiccupped: the next tick retries.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
