using System.Diagnostics;
using ArcFace.VectorDb.Testing;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>One `arcvdb serve --cluster` process on loopback ports, its log kept for failure messages; killed (SIGKILL) on dispose.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> log = [];

    private SiloProcess(Process process, int siloPort, int grpcPort)
    {
        this.process = process;
        SiloPort = siloPort;
        Address = new Uri($"http://127.0.0.1:{grpcPort}");
        Channel = GrpcChannel.ForAddress(Address);
        VectorDb = new Protos.VectorDb.VectorDbClient(Channel);
    }

    /// <summary>The port silos reach it on.</summary>
    public int SiloPort { get; }

    /// <summary>Its gRPC address.</summary>
    public Uri Address { get; }

    /// <summary>A channel to it.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Its VectorDb API.</summary>
    public Protos.VectorDb.VectorDbClient VectorDb { get; }

    /// <summary>Its log so far.</summary>
    public string Log
    {
        get
        {
            lock (log)
                return string.Join('\n', log.TakeLast(40));
        }
    }

    /// <summary>Starts a silo and returns once it serves.</summary>
    public static async Task<SiloProcess> StartAsync(string redisUrl, string data, int siloPort, int grpcPort)
    {
        var process = ArcvdbProcess.Start("serve", "--cluster", redisUrl, "--data", data, "--silo-port", $"{siloPort}", "--listen", $"127.0.0.1:{grpcPort}");
        var silo = new SiloProcess(process, siloPort, grpcPort);
        _ = process.StandardOutput.ReadToEndAsync();
        var serving = new TaskCompletionSource();
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (silo.log)
                    silo.log.Add(line);
                if (line.StartsWith("silo ", StringComparison.Ordinal) && line.Contains("serving on", StringComparison.Ordinal))
                    serving.TrySetResult();
            }
            serving.TrySetException(new InvalidOperationException($"arcvdb serve --cluster exited before it served:\n{silo.Log}"));
        });
        await serving.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>kill -9: the process ends at once, nothing is flushed or closed.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Channel.Dispose();
        if (!process.HasExited)
            Kill();
        process.Dispose();
    }
}
