using System.Globalization;
using ArcFace.VectorDb.Evaluation;
using Spectre.Console;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>Progress of work that moves through stages (an evaluation): a live bar per stage on a terminal, a plain line per stage tenth otherwise.</summary>
internal static class StagedProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports its stage and how far the stage has got.</summary>
    public static T Run<T>(ProgressLog log, Func<IProgress<EvaluationProgress>, T> work) =>
        RunAsync(log, progress => Task.FromResult(work(progress))).GetAwaiter().GetResult();

    /// <summary>Runs asynchronous <paramref name="work"/>, which reports its stage and how far the stage has got.</summary>
    public static async Task<T> RunAsync<T>(ProgressLog log, Func<IProgress<EvaluationProgress>, Task<T>> work)
    {
        if (!log.IsTerminal)
        {
            string stage = "";
            long lastTenth = -1;
            return await work(new ImmediateProgress<EvaluationProgress>(p =>
            {
                long tenth = p.Total <= 0 ? 10 : 10 * p.Done / p.Total;
                if (p.Stage == stage && tenth <= lastTenth)
                    return;
                (stage, lastTenth) = (p.Stage, tenth);
                log.Line(string.Create(CultureInfo.InvariantCulture, $"{p.Stage}: {p.Done}/{p.Total}"));
            }));
        }
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var gate = new Lock();
                var result = await work(new ImmediateProgress<EvaluationProgress>(p =>
                {
                    lock (gate)
                    {
                        if (!tasks.TryGetValue(p.Stage, out var task))
                        {
                            foreach (var earlier in tasks.Values)
                                earlier.Value = earlier.MaxValue;
                            tasks[p.Stage] = task = context.AddTask(Markup.Escape(p.Stage), maxValue: Math.Max(p.Total, 1));
                        }
                        task.MaxValue = Math.Max(p.Total, 1);
                        task.Value = p.Done;
                    }
                }));
                foreach (var task in tasks.Values)
                    task.Value = task.MaxValue;
                return result;
            });
    }
}
