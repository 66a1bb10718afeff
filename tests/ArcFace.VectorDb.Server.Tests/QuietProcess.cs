using System.Diagnostics;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>
/// Waits for this process's own background work to die down before a test measures its CPU time: the tiered JIT
/// compiles the hot methods of earlier tests in the background, and it defers that while new methods are still being
/// compiled, so a backlog of seconds can land in a later test's measuring window.
/// </summary>
internal static class QuietProcess
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    /// <summary>Returns once the process used under a fifth of a core over a quarter second, or after <paramref name="limit"/>.</summary>
    public static async Task WaitAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(Window);
            if (Process.GetCurrentProcess().TotalProcessorTime - before < Window * 0.2)
                return;
        }
    }
}
