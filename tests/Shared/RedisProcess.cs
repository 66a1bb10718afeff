using System.Diagnostics;
using System.Net.Sockets;

namespace ArcFace.VectorDb.Testing;

/// <summary>A real redis-server (Debian's) on a free loopback port, without persistence, killed on dispose.</summary>
internal sealed class RedisProcess : IDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly Process process;

    private RedisProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The address `serve --cluster` takes.</summary>
    public string Url => $"redis://127.0.0.1:{Port}";

    /// <summary>
    /// Why the tests that need Redis cannot run here, or null when they can. Under CI (CI=true, where .ci/run installs
    /// redis-server) its absence is a failure, not a skip.
    /// </summary>
    public static string? Missing => File.Exists(Executable) ? null
        : Environment.GetEnvironmentVariable("CI") == "true" ? throw new InvalidOperationException($"CI must run the cluster tests, but {Executable} is not installed.")
        : $"SKIPPED: {Executable} is not installed (apt-get install redis-server; .ci/run installs it).";

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public static async Task<RedisProcess> StartAsync()
    {
        int port = LoopbackPorts.Free();
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            start.ArgumentList.Add(argument);
        var redis = new RedisProcess(Process.Start(start)!, port);
        _ = redis.process.StandardOutput.ReadToEndAsync();
        _ = redis.process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return redis;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(10) && !redis.process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill();
        process.WaitForExit();
        process.Dispose();
    }
}
