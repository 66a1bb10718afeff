using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>A throwaway redis-server on a free loopback port (no persistence), for cluster membership during a benchmark.</summary>
internal static class RedisServerProcess
{
    /// <summary>Starts redis-server and returns "127.0.0.1:PORT" once it accepts connections.</summary>
    public static async Task<string> StartAsync(ChildProcesses children, CancellationToken cancellation)
    {
        int port = LoopbackPort.Free();
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = children.Start(start);
        }
        catch (Win32Exception e)
        {
            throw new IOException($"Cannot start redis-server ({e.Message}): install it (apt-get install redis-server) or pass --redis HOST:PORT of a running one.", e);
        }
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new IOException($"redis-server exited with {process.ExitCode} before it accepted connections on port {port}.");
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellation);
                return $"127.0.0.1:{port}";
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50, cancellation);
            }
        }
    }
}
