using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>Progress of long work: a live bar (done/total, rate, ETA) on a terminal, a plain line per tenth on the log otherwise.</summary>
internal static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports how many of <paramref name="total"/> items are done.</summary>
    public static void Run(string description, int total, ProgressLog log, Action<IProgress<int>> work) =>
        RunAsync(description, total, "items", log, progress =>
        {
            work(progress);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    /// <summary>Runs asynchronous <paramref name="work"/> that reports how many of <paramref name="total"/> <paramref name="unit"/> are done.</summary>
    public static async Task RunAsync(string description, int total, string unit, ProgressLog log, Func<IProgress<int>, Task> work)
    {
        if (log.IsTerminal)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new CountAndRateColumn(unit), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(description, maxValue: Math.Max(total, 1));
                    await work(new SynchronousProgress(done => task.Value = done));
                    task.Value = task.MaxValue;
                });
            return;
        }
        int lastTenth = -1;
        var started = Stopwatch.StartNew();
        await work(new SynchronousProgress(done =>
        {
            int tenth = (int)(10L * done / Math.Max(total, 1));
            if (tenth <= lastTenth)
                return;
            lastTenth = tenth;
            double seconds = started.Elapsed.TotalSeconds, rate = done / Math.Max(seconds, 1e-9);
            string eta = done >= total || rate <= 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", ETA {(total - done) / rate:F0} s");
            log.Line(string.Create(CultureInfo.InvariantCulture, $"{description}: {done}/{total} {unit} ({seconds:F1} s, {rate:F0} {unit}/s{eta})"));
        }));
    }

    /// <summary>Reports on the caller's thread, one at a time (Progress&lt;T&gt; would post to the thread pool and reorder).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        private readonly Lock gate = new();

        public void Report(int value)
        {
            lock (gate)
                report(value);
        }
    }

    /// <summary>"done/total, rate unit/s".</summary>
    private sealed class CountAndRateColumn(string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:N0}/{task.MaxValue:N0} {unit}, {task.Speed ?? 0:F0}/s"));
    }
}
