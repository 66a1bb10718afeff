using Spectre.Console;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>The console every CLI table is written through: the terminal's width on a terminal; on a pipe or a file, no escape codes and room for the widest row, so nothing is cut at 80 columns.</summary>
internal static class TableConsole
{
    /// <summary>Columns a table may take when the output is not a terminal: more than any row needs.</summary>
    private const int UnboundedWidth = 1 << 16;

    /// <summary>A console writing to <paramref name="output"/>.</summary>
    public static IAnsiConsole For(TextWriter output)
    {
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            return AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = UnboundedWidth;
        return console;
    }
}
