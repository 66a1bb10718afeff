using ArcFace.VectorDb.Cli.Commands.Bench;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`serve --cluster` and `cluster status`: what the command line refuses before anything starts, and what a single node answers.</summary>
public sealed class ClusterCommandTests
{
    [Theory]
    [InlineData("serve --db D --cluster redis://127.0.0.1:6379 --data X", "not both")]
    [InlineData("serve --listen 127.0.0.1:0", "Give --db DIR")]
    [InlineData("serve --cluster redis://127.0.0.1:6379", "--cluster needs --data")]
    [InlineData("serve --cluster 127.0.0.1 --data X", "is not redis://HOST:PORT")]
    [InlineData("serve --cluster redis://127.0.0.1:6379 --data X --silo-host nowhere", "is not an IP address")]
    public void Serve_refuses_a_half_given_cluster_before_it_starts(string arguments, string message)
    {
        using var directory = new TempDirectory();
        var run = CliRun.Invoke([.. arguments.Split(' ').Select(argument => argument is "D" or "X" ? directory.File(argument) : argument)]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory.File("X")));
    }

    [Fact]
    public void Serve_cluster_with_no_redis_at_the_address_is_one_error_line_naming_it()
    {
        using var directory = new TempDirectory();
        string redis = $"127.0.0.1:{LoopbackPort.Free()}";
        var run = CliRun.Invoke("serve", "--cluster", $"redis://{redis}", "--data", directory.File("data"), "--silo-port", $"{LoopbackPort.Free()}", "--listen", "127.0.0.1:0");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: No Redis answers at {redis}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_cluster_on_a_silo_port_in_use_is_refused_before_it_joins()
    {
        using var directory = new TempDirectory();
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
            var run = CliRun.Invoke("serve", "--cluster", $"redis://127.0.0.1:{LoopbackPort.Free()}", "--data", directory.File("data"), "--silo-port", $"{port}", "--listen", "127.0.0.1:0");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"error: --silo-port {port} on 127.0.0.1 is in use", run.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(directory.File("data")));
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task Cluster_status_against_a_single_node_says_it_is_one_and_exits_1()
    {
        using var directory = new TempDirectory();
        await using var server = await VectorDbServer.StartAsync(new ServerOptions { DatabasePath = directory.File("db"), CreateDatabase = true, Listen = "127.0.0.1:0" });
        var run = CliRun.Invoke("cluster", "status", "--server", server.Address.ToString());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FailedPrecondition", run.Error, StringComparison.Ordinal);
        Assert.Contains("single node", run.Error, StringComparison.Ordinal);
    }
}
