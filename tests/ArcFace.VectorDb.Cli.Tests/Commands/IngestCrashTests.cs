using System.Diagnostics;
using System.Runtime.InteropServices;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`arcvdb ingest` killed with SIGKILL or stopped with SIGTERM (as Ctrl-C) mid-run: --resume ends with exactly one record per image.</summary>
public partial class IngestCrashTests(ITestOutputHelper output)
{
    private const int SigTerm = 15;
    [Fact]
    public async Task Killing_an_ingest_three_times_then_resuming_leaves_exactly_one_record_per_image()
    {
        using var dir = new TempDirectory();
        string db = dir.File("db");
        var expected = FolderGallery.Read(BundledAssets.Gallery).ToDictionary(i => i.Id, i => i.Label);
        var random = new Random(7);
        for (int round = 0; round < 3; round++)
            await IngestAndKillAsync(db, progressLines: random.Next(1, 4), pauseMs: random.Next(0, 30));

        var finish = CliRun.Invoke("ingest", "--db", db, "--collection", "c", "--gallery", BundledAssets.Gallery, "--resume", "--batch", "16");

        Assert.Equal(0, finish.ExitCode);
        await using var database = VectorDatabase.Open(db);
        var collection = database.GetCollection("c");
        Assert.Empty(collection.Recovery.Damaged);
        var stored = collection.Scan().ToArray();
        Assert.Equal(expected.Count, stored.Length);
        Assert.Equal(expected.Count, stored.Select(r => r.Id).Distinct().Count());
        Assert.All(stored, r => Assert.Equal(expected[r.Id], r.Label));
    }

    [Fact]
    public async Task A_terminate_signal_stops_the_ingest_cleanly_with_exit_code_130_and_everything_written_committed()
    {
        using var dir = new TempDirectory();
        string db = dir.File("db");
        using var process = StartIngest(db, "--batch", "1");
        var (summary, written) = await TerminateOnceIngestingAsync(process, output);

        Assert.Contains("run again with --resume", summary);
        await using (var database = VectorDatabase.Open(db))
            Assert.Equal(written, database.GetCollection("c").Count);
        var resumed = CliRun.Invoke("ingest", "--db", db, "--collection", "c", "--gallery", BundledAssets.Gallery, "--resume");
        output.WriteLine($"resumed: {resumed.Output}{resumed.Error}");
        Assert.Contains($"{written} already present", resumed.Output);
        Assert.Contains("now holds 500 vectors", resumed.Output);
    }

    /// <summary>
    /// Waits until the ingest in <paramref name="process"/> has started writing, sends it SIGTERM (what Ctrl-C does), and
    /// checks it stopped as an interrupted ingest must: exit code 130 and a "stopped: N …" summary. Returns the summary and N.
    /// </summary>
    internal static async Task<(string Summary, int Written)> TerminateOnceIngestingAsync(Process process, ITestOutputHelper output)
    {
        while (await process.StandardError.ReadLineAsync() is { } line && !line.StartsWith("ingest into", StringComparison.Ordinal))
        {
        }

        Assert.Equal(0, Kill(process.Id, SigTerm));
        // Stderr is drained too, so the child never blocks on a full pipe, and shown with the summary if an assertion fails.
        var errors = process.StandardError.ReadToEndAsync();
        string summary = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.WriteLine($"exit {process.ExitCode}; stdout: {summary}; stderr after SIGTERM: {await errors}");

        Assert.Equal(130, process.ExitCode);
        Assert.StartsWith("stopped: ", summary);
        return (summary, int.Parse(summary.Split(' ')[1]));
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    private static Process StartIngest(string db, params string[] extra)
    {
        return ArcvdbProcess.Start(new[] { "ingest", "--db", db, "--collection", "c", "--gallery", BundledAssets.Gallery, "--resume" }.Concat(extra));
    }

    /// <summary>Runs an ingest in a child process and kills it after some progress lines.</summary>
    private static async Task IngestAndKillAsync(string db, int progressLines, int pauseMs)
    {
        using var process = StartIngest(db, "--batch", "16");
        int seen = 0;
        while (seen < progressLines && await process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("ingest into", StringComparison.Ordinal))
                seen++;
        }
        Thread.Sleep(pauseMs);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}
