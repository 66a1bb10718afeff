using System.Diagnostics;

namespace ArcFace.VectorDb.Testing;

/// <summary>Starts `arcvdb` (the arcvdb.dll beside the tests) as a child process with its stdout and stderr captured.</summary>
internal static class ArcvdbProcess
{
    /// <summary>Starts the command line.</summary>
    public static Process Start(params IEnumerable<string> arguments)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "arcvdb.dll"));
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }
}
