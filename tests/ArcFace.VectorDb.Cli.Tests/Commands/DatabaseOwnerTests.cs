using System.Diagnostics;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Cli.Commands.Bench;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>One process owns a database: real `arcvdb` processes competing for one are refused with the owner's pid and command, and lose nothing.</summary>
public class DatabaseOwnerTests
{
    [Fact]
    public async Task Two_imports_into_one_database_at_once_leave_one_refused_and_every_row_of_the_other_intact()
    {
        using var dir = new TempDirectory();
        string vectors = StorageCommandTests.WriteVectors(dir, 40_000);
        string db = dir.File("db");
        using var first = ArcvdbProcess.Start("import", "--db", db, "--collection", "c", "--vectors", vectors, "--batch", "256");
        while (await first.StandardError.ReadLineAsync() is { } line && !line.StartsWith("import into", StringComparison.Ordinal))
        {
        }
        var firstErrors = first.StandardError.ReadToEndAsync();

        using var second = ArcvdbProcess.Start("import", "--db", db, "--collection", "c", "--vectors", vectors, "--batch", "256");
        string secondErrors = await second.StandardError.ReadToEndAsync();
        await second.WaitForExitAsync();
        bool firstStillRan = !first.HasExited;
        await first.WaitForExitAsync();

        Assert.True(firstStillRan, "the first import ended before the second was refused; the test proves nothing");
        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"is in use by process {first.Id} (arcvdb import --db {db}", secondErrors);
        Assert.Contains("Only one process may write a database", secondErrors);
        Assert.True(first.ExitCode == 0, await firstErrors);
        await using var database = VectorDatabase.Open(db);
        var collection = database.GetCollection("c");
        Assert.Empty(collection.Recovery.Damaged);
        Assert.Equal(40_000, collection.Count);
        var expected = VectorFiles.ReadVectors(vectors);
        foreach (int row in new[] { 0, 12_345, 39_999 })
        {
            var stored = collection.Get((ulong)row)!.Vector;
            float norm = MathF.Sqrt(expected.Row(row).ToArray().Sum(x => x * x));
            Assert.Equal(expected.Row(row).ToArray().Select(x => x / norm), stored, (a, b) => Math.Abs(a - b) < 1e-6);
        }
    }

    [Fact]
    public async Task A_second_server_an_ingest_and_an_info_on_a_served_database_are_refused_and_work_once_it_is_killed()
    {
        using var dir = new TempDirectory();
        string db = dir.File("db");
        using var server = await ServeProcess.StartAsync(db, LoopbackPort.Free());

        var secondServer = await RunAsync("serve", "--db", db, "--listen", $"127.0.0.1:{LoopbackPort.Free()}");
        var ingest = await RunAsync("ingest", "--db", db, "--collection", "c", "--gallery", Path.Combine(AppContext.BaseDirectory, "assets", "gallery", "fashion-mnist"));
        var info = await RunAsync("info", "--db", db);

        Assert.Equal((1, 1, 1), (secondServer.ExitCode, ingest.ExitCode, info.ExitCode));
        Assert.All([secondServer.Error, ingest.Error, info.Error], error => Assert.Contains($"is in use by process {server.Id} (arcvdb serve --db {db}", error));
        Assert.Contains("gRPC API", ingest.Error);

        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        var afterKill = await RunAsync("info", "--db", db);
        Assert.Equal(0, afterKill.ExitCode);
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(params string[] arguments)
    {
        using var process = ArcvdbProcess.Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        return (process.ExitCode, error);
    }
}
