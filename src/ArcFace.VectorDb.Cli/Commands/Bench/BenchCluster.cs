using System.Globalization;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>A cluster of `arcvdb serve --cluster` silo processes on loopback over one shared data folder; silo 0 is where clients connect.</summary>
internal sealed class BenchCluster
{
    private readonly ChildProcesses children;
    private readonly string redis;
    private readonly string clusterId;
    private readonly string logFolder;
    private readonly int[] siloPorts;
    private readonly ArcvdbServeProcess?[] silos;

    private BenchCluster(ChildProcesses children, string redis, string clusterId, string dataDirectory, string logFolder, int silos)
    {
        this.children = children;
        this.redis = redis;
        this.clusterId = clusterId;
        this.logFolder = logFolder;
        DataDirectory = dataDirectory;
        siloPorts = [.. Enumerable.Range(0, silos).Select(_ => LoopbackPort.Free())];
        this.silos = new ArcvdbServeProcess?[silos];
    }

    /// <summary>The shared data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>Silos in the cluster (running or not).</summary>
    public int Silos => silos.Length;

    /// <summary>The gRPC address of silo 0.</summary>
    public Uri Address => silos[0]?.Address ?? throw new InvalidOperationException("Silo 0 is not running.");

    /// <summary>The port silo <paramref name="index"/> talks to other silos on.</summary>
    public int SiloPort(int index) => siloPorts[index];

    /// <summary>Starts <paramref name="silos"/> silos under a fresh cluster id, all at once, and returns when every one serves.</summary>
    public static async Task<BenchCluster> StartAsync(ChildProcesses children, string redis, string folder, int silos, CancellationToken cancellation)
    {
        string id = $"bench-{Guid.NewGuid():N}"[..18];
        Directory.CreateDirectory(folder);
        var cluster = new BenchCluster(children, redis, id, Path.Combine(folder, "data"), folder, silos);
        await Task.WhenAll(Enumerable.Range(0, silos).Select(index => cluster.StartSiloAsync(index, cancellation)));
        return cluster;
    }

    /// <summary>Starts (or restarts, on the same ports) silo <paramref name="index"/> and returns when it serves.</summary>
    public async Task StartSiloAsync(int index, CancellationToken cancellation)
    {
        string port = siloPorts[index].ToString(CultureInfo.InvariantCulture);
        string log = Path.Combine(logFolder, $"silo-{index}-{DateTime.UtcNow:HHmmssfff}.log");
        silos[index] = await ArcvdbServeProcess.StartAsync(children,
            ["--cluster", $"redis://{redis}", "--data", DataDirectory, "--cluster-id", clusterId, "--silo-port", port, "--listen", "127.0.0.1:0"], log, cancellation);
    }

    /// <summary>Kills silo <paramref name="index"/> at once (kill -9: no goodbye to the cluster, leases left to expire).</summary>
    public void Kill(int index)
    {
        if (silos[index] is { } silo)
            children.Kill(silo.Process);
        silos[index] = null;
    }

    /// <summary>Kills every silo.</summary>
    public void Stop()
    {
        for (int index = 0; index < silos.Length; index++)
            Kill(index);
    }
}
