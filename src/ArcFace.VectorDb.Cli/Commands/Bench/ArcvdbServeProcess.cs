using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>An `arcvdb serve` child process (a single node or a cluster silo) that serves gRPC at <see cref="Address"/>; everything it prints goes to <see cref="LogPath"/>.</summary>
internal sealed partial class ArcvdbServeProcess
{
    private ArcvdbServeProcess(Process process, Uri address, string logPath)
    {
        Process = process;
        Address = address;
        LogPath = logPath;
    }

    /// <summary>The process.</summary>
    public Process Process { get; }

    /// <summary>Where it serves gRPC.</summary>
    public Uri Address { get; }

    /// <summary>The file its stdout and stderr go to.</summary>
    public string LogPath { get; }

    /// <summary>
    /// Runs `arcvdb serve <paramref name="arguments"/>` (the same arcvdb as this process) with the call log off (it logs
    /// only warnings, so the console does not cost each call a line), and returns once it says where it serves.
    /// </summary>
    public static async Task<ArcvdbServeProcess> StartAsync(ChildProcesses children, IEnumerable<string> arguments, string logPath, CancellationToken cancellation)
    {
        var start = ArcvdbStart(["serve", .. arguments]);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = children.Start(start);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        _ = CopyAsync(process.StandardOutput, log);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                Write(log, line);
                if (ServingLine().Match(line) is { Success: true } serving)
                {
                    _ = CopyAsync(process.StandardError, log);
                    return new ArcvdbServeProcess(process, new Uri(serving.Groups[1].Value), logPath);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            children.Kill(process);
            throw new IOException($"arcvdb serve did not serve within 90 s; its output is in {logPath}.");
        }
        children.Kill(process);
        throw new IOException($"arcvdb serve exited before it served; its output is in {logPath}.");
    }

    /// <summary>How to run this same arcvdb with <paramref name="arguments"/>: its own executable, or the dotnet host with arcvdb.dll.</summary>
    private static ProcessStartInfo ArcvdbStart(IEnumerable<string> arguments)
    {
        string? self = Environment.ProcessPath;
        bool isArcvdb = self is not null && Path.GetFileNameWithoutExtension(self) == "arcvdb";
        string host = isArcvdb ? self!
            : self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!isArcvdb)
            start.ArgumentList.Add(typeof(ArcvdbServeProcess).Assembly.Location);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    private static async Task CopyAsync(StreamReader reader, StreamWriter log)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
                Write(log, line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process is gone.
        }
    }

    private static void Write(StreamWriter log, string line)
    {
        lock (log)
            log.WriteLine(line);
    }

    /// <summary>"serving DIR on http://…" of a single node and "silo … serving on http://…" of a silo.</summary>
    [GeneratedRegex(@"serving.* on (https?://\S+) \(")]
    private static partial Regex ServingLine();
}
