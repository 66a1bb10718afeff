using System.Diagnostics;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`arcvdb serve` as a child process on a free loopback port.</summary>
internal static class ServeProcess
{
    /// <summary>Starts a server over <paramref name="db"/> (created when missing) and returns once it serves; its output keeps being drained.</summary>
    public static async Task<Process> StartAsync(string db, int port)
    {
        var process = ArcvdbProcess.Start("serve", "--db", db, "--create", "--listen", $"127.0.0.1:{port}");
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("serving ", StringComparison.Ordinal))
            {
                // Keep reading what the server logs (a line per call), so a full pipe never blocks it.
                _ = process.StandardError.ReadToEndAsync();
                _ = process.StandardOutput.ReadToEndAsync();
                return process;
            }
        }
        throw new InvalidOperationException($"arcvdb serve exited with {process.ExitCode} before it served.");
    }
}
