using ArcFace.VectorDb.Cli.Commands.Bench;

namespace ArcFace.VectorDb.Testing;

/// <summary>
/// A real redis-server (Debian's) on a free loopback port, without persistence, started the way `bench cluster` starts
/// one (<see cref="RedisServerProcess"/>) and killed on dispose.
/// </summary>
internal sealed class RedisProcess : IDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly ChildProcesses children;

    private RedisProcess(ChildProcesses children, string address)
    {
        this.children = children;
        Address = address;
    }

    /// <summary>"127.0.0.1:PORT", as ClusterServeOptions.Redis takes it.</summary>
    public string Address { get; }

    /// <summary>The address `serve --cluster` takes.</summary>
    public string Url => $"redis://{Address}";

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
        var children = new ChildProcesses();
        try
        {
            return new RedisProcess(children, await RedisServerProcess.StartAsync(children, CancellationToken.None));
        }
        catch
        {
            children.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => children.Dispose();
}
