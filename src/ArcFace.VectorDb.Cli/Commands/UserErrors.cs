using System.CommandLine;
using ArcFace.VectorDb.Cli.Data;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>Runs a command action so that a user's mistake (missing data, bad file, unwritable folder) is one line on stderr and exit code 1, not a stack trace.</summary>
internal static class UserErrors
{
    /// <summary>Runs <paramref name="action"/> with a progress log on the invocation's stderr and returns its exit code.</summary>
    public static int Run(ParseResult parseResult, Func<ProgressLog, int> action)
    {
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return action(new ProgressLog(error));
        }
        catch (Exception e) when (e is DatasetException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
