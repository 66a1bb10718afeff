using ArcFace.VectorDb.Core.Hnsw;

namespace ArcFace.VectorDb.Cli.Console;

/// <summary>Turns the errors a user can cause (bad files, bad arguments) into one clear line on stderr and exit code 1.</summary>
internal static class CommandErrors
{
    /// <summary>Runs a command body; expected failures print "error: …" instead of a stack trace.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException or SnapshotFormatException or OperationCanceledException)
        {
            System.Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
