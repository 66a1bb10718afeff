using Spectre.Console;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>Progress of long work: a live bar on a terminal, a plain line per tenth on the log otherwise.</summary>
internal static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports how many of <paramref name="total"/> items are done.</summary>
    public static void Run(string description, int total, ProgressLog log, Action<IProgress<int>> work)
    {
        if (log.IsTerminal)
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var task = context.AddTask(description, maxValue: total);
                    work(new Progress<int>(done => task.Value = done));
                    task.Value = total;
                });
            return;
        }
        int lastTenth = -1;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var lines = new SynchronousProgress(done =>
        {
            int tenth = (int)(10L * done / Math.Max(total, 1));
            if (tenth <= Volatile.Read(ref lastTenth))
                return;
            Volatile.Write(ref lastTenth, tenth);
            log.Line($"{description}: {done}/{total} ({started.Elapsed.TotalSeconds:F1} s)");
        });
        work(lines);
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        private readonly object gate = new();

        public void Report(int value)
        {
            lock (gate)
                report(value);
        }
    }
}
