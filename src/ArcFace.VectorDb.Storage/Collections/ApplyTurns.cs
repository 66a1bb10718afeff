namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>
/// Turns for applying appended writes in log order. A write takes a ticket when it appends (under the writer lock),
/// may wait for its commit outside the lock, alongside later writers whose records join the same group commit, and
/// then applies when every earlier ticket has applied.
/// </summary>
internal sealed class ApplyTurns
{
    private readonly Lock gate = new();
    private long issued, applied;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The last ticket handed out.</summary>
    public long Issued
    {
        get
        {
            lock (gate)
                return issued;
        }
    }

    /// <summary>Hands out the next ticket; call it where the records are appended, so tickets follow log order.</summary>
    public long Take()
    {
        lock (gate)
            return ++issued;
    }

    /// <summary>Completes when every ticket before <paramref name="ticket"/> has applied.</summary>
    public Task WaitTurnAsync(long ticket) => WaitAppliedAsync(ticket - 1);

    /// <summary>Completes when every ticket up to <paramref name="ticket"/> has applied.</summary>
    public async Task WaitAppliedAsync(long ticket)
    {
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (applied >= ticket)
                    return;
                next = changed.Task;
            }
            await next;
        }
    }

    /// <summary>Marks <paramref name="ticket"/> applied (whether its apply succeeded or threw) and lets the next one go.</summary>
    public void Done(long ticket)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            applied = ticket;
            signal = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
    }
}
