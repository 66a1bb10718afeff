using System.Diagnostics;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>TLS, the loopback rule for plain text, and deadlines that stop work (alone: it measures this process's CPU).</summary>
[Collection(CpuMeasuringCollection.Name)]
public class TransportTests
{
    [Fact]
    public async Task With_a_certificate_the_server_speaks_tls_and_plain_text_off_loopback_is_refused()
    {
        using var dir = new TempDirectory();
        using var certificate = LoopbackCertificate.WritePem(dir);

        await using (var server = await VectorDbServer.StartAsync(new ServerOptions
        {
            DatabasePath = dir.File("db"), CreateDatabase = true, Listen = "127.0.0.1:0", TlsCertificate = dir.File("cert.pem"), TlsKey = dir.File("key.pem"),
        }))
        {
            var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint };
            using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = handler });
            var response = await new Protos.VectorDb.VectorDbClient(channel).ListCollectionsAsync(new ListCollectionsRequest());

            Assert.Equal("https", server.Address.Scheme);
            Assert.Empty(response.Collections);
        }
        var plainOffLoopback = await Assert.ThrowsAsync<ArgumentException>(() => VectorDbServer.StartAsync(new ServerOptions { DatabasePath = dir.File("db2"), CreateDatabase = true, Listen = "0.0.0.0:0" }));
        Assert.Contains("not loopback", plainOffLoopback.Message);
        using var otherKey = RSA.Create(2048);
        File.WriteAllText(dir.File("other.pem"), otherKey.ExportPkcs8PrivateKeyPem());
        var mismatched = await Assert.ThrowsAsync<ArgumentException>(() => VectorDbServer.StartAsync(new ServerOptions
        {
            DatabasePath = dir.File("db3"), CreateDatabase = true, Listen = "127.0.0.1:0", TlsCertificate = dir.File("cert.pem"), TlsKey = dir.File("other.pem"),
        }));
        Assert.Contains("cannot be used together", mismatched.Message);
        Assert.False(Directory.Exists(dir.File("db3")), "a server that cannot start created its database");
    }

    [Fact]
    public async Task A_deadline_stops_a_long_search_batch_early_and_the_server_goes_on()
    {
        await using var test = await TestServer.StartAsync();
        const int dim = 64;
        await test.CreateAsync("c", dim);
        for (int start = 0; start < 6000; start += 1000)
            await test.UpsertAsync("c", Enumerable.Range(start, 1000).Select(i => TestServer.Point((ulong)i, dim)));
        var batch = new SearchBatchRequest();
        for (int q = 0; q < 3000; q++)
            batch.Searches.Add(new SearchRequest { Collection = "c", Vector = { TestServer.Point(100_000 + (ulong)q, dim).Vector }, K = 100, Ef = 3000 });
        var full = Stopwatch.StartNew();
        await test.Client.SearchBatchAsync(batch);
        full.Stop();

        // The server runs in this process: if it kept searching after the deadline, this process would burn about
        // more CPU time in the window below than the batch took on the wall clock (1.3x, measured); stopped, 0.1-0.5x.
        // Other work of the process only adds to a window (earlier tests' background JIT: up to 4 s of CPU, measured,
        // even after waiting for a quiet process), so the best of three windows is what the server did: a server that
        // kept searching would fill every one.
        var windows = new List<TimeSpan>();
        for (int attempt = 0; attempt < 3 && (windows.Count == 0 || windows.Min() >= full.Elapsed * 0.75); attempt++)
        {
            await QuietProcess.WaitAsync(TimeSpan.FromSeconds(20));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var error = await Assert.ThrowsAsync<RpcException>(() => test.Client.SearchBatchAsync(batch, deadline: DateTime.UtcNow.AddMilliseconds(100)).ResponseAsync);
            Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
            await Task.Delay(full.Elapsed);
            windows.Add(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
        }
        var after = await test.Client.SearchAsync(batch.Searches[0]);

        string spent = string.Join(", ", windows.Select(w => $"{w.TotalMilliseconds:F0} ms"));
        Assert.True(windows.Min() < full.Elapsed * 0.75, $"{spent} of CPU after a 100 ms deadline; the full batch takes {full.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(100, after.Hits.Count);
    }
}

/// <summary>Tests that measure the whole process's CPU time run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuMeasuringCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "cpu-measuring";
}
