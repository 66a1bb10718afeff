using System.CommandLine;
using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Embedding.Onnx;

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
        catch (Exception e) when (IsUserError(e))
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>Runs an asynchronous <paramref name="action"/> the same way.</summary>
    public static async Task<int> RunAsync(ParseResult parseResult, Func<ProgressLog, Task<int>> action)
    {
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return await action(new ProgressLog(error));
        }
        catch (Exception e) when (IsUserError(e))
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static bool IsUserError(Exception e) =>
        e is DatasetException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or ModelException;
}
