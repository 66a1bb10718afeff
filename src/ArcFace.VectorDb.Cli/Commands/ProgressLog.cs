using System.Diagnostics;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>Plain progress lines (to stderr, so stdout stays for results), each long step followed by its time.</summary>
internal sealed class ProgressLog(TextWriter writer)
{
    /// <summary>True when the log is the process's stderr and that is an interactive terminal, so live progress bars may be drawn.</summary>
    public bool IsTerminal => ReferenceEquals(writer, System.Console.Error) && !System.Console.IsErrorRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Writes one line.</summary>
    public void Line(string text) => writer.WriteLine(text);

    /// <summary>Announces a step, runs it, and reports how long it took.</summary>
    public T Step<T>(string what, Func<T> work)
    {
        writer.WriteLine($"{what}…");
        var clock = Stopwatch.StartNew();
        T result = work();
        writer.WriteLine($"  done in {clock.Elapsed.TotalSeconds:F2} s");
        return result;
    }

    /// <summary>Announces a step that returns nothing, runs it, and reports how long it took.</summary>
    public void Step(string what, Action work) => Step(what, () =>
    {
        work();
        return true;
    });
}
