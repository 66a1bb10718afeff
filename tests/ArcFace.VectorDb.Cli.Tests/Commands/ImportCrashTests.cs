using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`arcvdb import` killed with SIGKILL at random moments: acknowledged rows survive intact and --resume reaches the exact total.</summary>
public class ImportCrashTests
{
    private const int Rows = 20_000;

    [Fact]
    public async Task Killing_a_durable_import_five_times_keeps_every_acknowledged_row_and_resume_completes_it_exactly()
    {
        using var dir = new TempDirectory();
        string vectors = StorageCommandTests.WriteVectors(dir, Rows);
        var expected = VectorFiles.ReadVectors(vectors);
        string db = dir.File("db");
        var random = new Random(99);
        for (int round = 0; round < 5; round++)
        {
            int acknowledged = await ImportAndKillAsync(db, vectors, progressLines: random.Next(1, 6), pauseMs: random.Next(0, 20));
            int present = await AssertRowsIntactAsync(db, expected);
            Assert.True(present >= acknowledged, $"round {round}: {acknowledged} rows were acknowledged but {present} are present");
        }

        var finish = CliRun.Invoke("import", "--db", db, "--collection", "c", "--vectors", vectors, "--metric", "L2", "--resume");

        Assert.Equal(0, finish.ExitCode);
        Assert.Equal(Rows, await AssertRowsIntactAsync(db, expected));
    }

    /// <summary>Runs a durable import in a child process, kills it after some progress lines, and returns the rows those lines acknowledged.</summary>
    private static async Task<int> ImportAndKillAsync(string db, string vectors, int progressLines, int pauseMs)
    {
        using var process = ArcvdbProcess.Start("import", "--db", db, "--collection", "c", "--vectors", vectors, "--metric", "L2", "--resume", "--batch", "256");
        int acknowledged = 0, seen = 0;
        while (seen < progressLines && await process.StandardError.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("import into", StringComparison.Ordinal))
                continue;
            acknowledged = int.Parse(line.Split(": ")[1].Split('/')[0]);
            seen++;
        }
        Thread.Sleep(pauseMs);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return acknowledged;
    }

    /// <summary>Opens the database and checks every present row holds exactly the file's vector; returns how many are present.</summary>
    private static async Task<int> AssertRowsIntactAsync(string db, VectorSet expected)
    {
        await using var database = VectorDatabase.Open(db);
        var collection = database.GetCollection("c");
        Assert.Empty(collection.Recovery.Damaged);
        int present = 0;
        foreach (var record in collection.Scan())
        {
            Assert.True(expected.Row((int)record.Id).SequenceEqual(record.Vector), $"row {record.Id} differs from the file");
            present++;
        }
        return present;
    }
}
