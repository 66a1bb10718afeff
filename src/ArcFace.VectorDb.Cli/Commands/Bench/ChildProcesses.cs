using System.Diagnostics;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// The processes a benchmark starts (servers, Redis). Each is killed with its children when the benchmark is done
/// with it, when this is disposed (the run ended, failed or was cancelled with Ctrl-C), or when this process exits.
/// </summary>
internal sealed class ChildProcesses : IDisposable
{
    private readonly List<Process> running = [];
    private readonly Lock gate = new();

    /// <summary>Starts watching for this process's exit.</summary>
    public ChildProcesses() => AppDomain.CurrentDomain.ProcessExit += OnProcessExit;

    /// <summary>Starts <paramref name="start"/> and keeps it until it is killed.</summary>
    public Process Start(ProcessStartInfo start)
    {
        lock (gate)
        {
            var process = Process.Start(start) ?? throw new IOException($"{start.FileName} did not start.");
            running.Add(process);
            return process;
        }
    }

    /// <summary>CPU time (user and system) the processes still running have used so far, Redis included.</summary>
    public TimeSpan CpuTime()
    {
        lock (gate)
            return running.Aggregate(TimeSpan.Zero, (sum, process) => sum + process.TotalProcessorTime);
    }

    /// <summary>Kills <paramref name="process"/> (SIGKILL on Unix: no clean shutdown) and waits until it is gone.</summary>
    public void Kill(Process process)
    {
        lock (gate)
            running.Remove(process);
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        process.Dispose();
    }

    /// <summary>Kills every process still running.</summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        KillAll();
    }

    private void OnProcessExit(object? sender, EventArgs e) => KillAll();

    private void KillAll()
    {
        Process[] left;
        lock (gate)
            left = [.. running];
        foreach (var process in left)
            Kill(process);
    }
}
