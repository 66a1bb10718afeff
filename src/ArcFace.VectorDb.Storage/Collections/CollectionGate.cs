namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>
/// Counts the calls running on a collection so that it can be paused (while its index is swapped) or closed (when it
/// is dropped or disposed) once none is inside. Entering costs two interlocked operations; a call that finds the gate
/// paused waits for it to reopen, one that finds it closed is refused with <see cref="CollectionDroppedException"/>.
/// Calls must not nest, and nobody inside may pause it: an entered call uses the collection's unguarded internals.
/// </summary>
internal sealed class CollectionGate(string collectionName)
{
    private const int Open = 0, Paused = 1, Closed = 2;

    private readonly object transitions = new();
    private int inside;
    private int state;
    private volatile TaskCompletionSource? drained;

    /// <summary>True once the gate is closed for good.</summary>
    public bool IsClosed => Volatile.Read(ref state) == Closed;

    /// <summary>Enters the gate; pair it with <see cref="Exit"/> in a finally block.</summary>
    public void Enter()
    {
        while (true)
        {
            Interlocked.Increment(ref inside);
            int now = Volatile.Read(ref state);
            if (now == Open)
                return;
            Exit();
            if (now == Closed)
                throw new CollectionDroppedException(collectionName);
            lock (transitions)
            {
                while (state == Paused)
                    Monitor.Wait(transitions);
            }
        }
    }

    /// <summary>Leaves the gate.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref inside) == 0 && Volatile.Read(ref state) != Open)
            drained?.TrySetResult();
    }

    /// <summary>Stops new calls (they wait) and completes with true once every call inside has left; false when the gate is closed.</summary>
    public async Task<bool> TryPauseAsync()
    {
        Task left;
        lock (transitions)
        {
            if (state != Open)
                return false;
            left = Shut(Paused);
        }
        await left;
        return true;
    }

    /// <summary>Lets waiting and new calls in again after <see cref="TryPauseAsync"/>.</summary>
    public void Resume()
    {
        lock (transitions)
        {
            if (state == Paused)
                Volatile.Write(ref state, Open);
            Monitor.PulseAll(transitions);
        }
    }

    /// <summary>Refuses every new call from now on and completes once every call inside has left.</summary>
    public Task CloseAsync()
    {
        lock (transitions)
        {
            var left = state == Paused ? drained!.Task : Shut(Closed);
            Volatile.Write(ref state, Closed);
            Monitor.PulseAll(transitions);
            return left;
        }
    }

    /// <summary>Under the transition lock: moves to <paramref name="to"/> and returns a task that completes once nobody is inside.</summary>
    private Task Shut(int to)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        drained = signal;
        Volatile.Write(ref state, to);
        if (Volatile.Read(ref inside) == 0)
            signal.TrySetResult();
        return signal.Task;
    }
}
