using System.Diagnostics;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using FASTER.core;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>The storage benchmark: import rates and reopen times of a collection against a bare FasterLog and plain sequential reads, in one run.</summary>
internal static class StorageBench
{
    private const int Batch = 1024;
    private const int ConcurrentWriters = 16;
    private static readonly TimeSpan SmallWritesTime = TimeSpan.FromSeconds(3);

    /// <summary>Runs every measurement in a fresh folder under <paramref name="workDirectory"/> and returns the report.</summary>
    public static async Task<StorageReport> RunAsync(VectorSet vectors, string workDirectory, ProgressLog log)
    {
        string root = Path.Combine(workDirectory, $"bench-storage-{Guid.NewGuid():N}");
        try
        {
            var records = Enumerable.Range(0, vectors.Count).Select(i => LogRecord.Upsert((ulong)i, vectors.Row(i).ToArray(), $"id-{i % 1000}", $"row#{i}")).ToList();
            double bare = log.Step("bare FasterLog append of the encoded records", () => BareLogAppend(records, Path.Combine(root, "bare")));
            var settings = new CollectionSettings { Name = "bench", Dimension = vectors.Dimension };
            string durableDir = Path.Combine(root, "durable"), looseDir = Path.Combine(root, "fire-and-forget");
            double durable = await ImportAsync(records, durableDir, settings, Durability.Durable, snapshotOnClose: true, log);
            double loose = await ImportAsync(records, looseDir, settings, Durability.FireAndForget, snapshotOnClose: false, log);
            var (reopenSnapshot, readSnapshot) = await ReopenAsync(durableDir, log);
            var (reopenReplay, readLog) = await ReopenAsync(looseDir, log);
            double oneWriter = await SmallDurableWritesAsync(records, Path.Combine(root, "one-writer"), settings, writers: 1, log);
            double manyWriters = await SmallDurableWritesAsync(records, Path.Combine(root, "many-writers"), settings, ConcurrentWriters, log);
            long logBytes = DiskUsage.Bytes(looseDir), totalBytes = DiskUsage.Bytes(durableDir);
            return new StorageReport
            {
                Vectors = vectors.Count, Dim = vectors.Dimension,
                BareLogAppendVps = vectors.Count / bare, ImportDurableVps = vectors.Count / durable, ImportFireAndForgetVps = vectors.Count / loose,
                ReopenSnapshotSeconds = reopenSnapshot, ReadSnapshotFilesSeconds = readSnapshot, ReopenReplaySeconds = reopenReplay, ReadLogFilesSeconds = readLog,
                LogBytesPerVector = logBytes / (double)vectors.Count, TotalBytesPerVector = totalBytes / (double)vectors.Count,
                DurableSingleRecordWritesPerSecondOneWriter = oneWriter, DurableSingleRecordWritesPerSecondConcurrent = manyWriters, ConcurrentWriters = ConcurrentWriters,
            };
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }

    private static double BareLogAppend(List<LogRecord> records, string folder)
    {
        var encoded = records.Select(r =>
        {
            var bytes = new byte[LogRecordEncoder.EncodedLength(r)];
            LogRecordEncoder.Encode(r, bytes);
            return bytes;
        }).ToList();
        var defaults = new VectorLogOptions();
        using var device = Devices.CreateLogDevice(Path.Combine(folder, "records.log"), preallocateFile: false, deleteOnClose: false);
        using var log = new FasterLog(new FasterLogSettings
        {
            LogDevice = device, LogCommitDir = Path.Combine(folder, "commits"),
            PageSizeBits = defaults.PageSizeBits, MemorySizeBits = defaults.MemorySizeBits, SegmentSizeBits = defaults.SegmentSizeBits,
        });
        var clock = Stopwatch.StartNew();
        foreach (var bytes in encoded)
            log.Enqueue(bytes);
        log.CommitAsync().AsTask().GetAwaiter().GetResult();
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> ImportAsync(List<LogRecord> records, string folder, CollectionSettings settings, Durability durability, bool snapshotOnClose, ProgressLog log)
    {
        log.Line($"import {records.Count} vectors, {durability}…");
        var options = new CollectionOptions { SnapshotEveryRecords = 0, SnapshotOnClose = snapshotOnClose };
        await using var collection = VectorCollection.Create(folder, settings, options);
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < records.Count; start += Batch)
            await collection.UpsertAsync(records.GetRange(start, Math.Min(Batch, records.Count - start)), durability);
        await collection.DeleteAsync([], Durability.Durable);
        double seconds = clock.Elapsed.TotalSeconds;
        log.Line($"  done in {seconds:F2} s");
        return seconds;
    }

    /// <summary>Durable writes of one record each, as services see them: <paramref name="writers"/> writers at once for a fixed time; records committed per second.</summary>
    private static async Task<double> SmallDurableWritesAsync(List<LogRecord> records, string folder, CollectionSettings settings, int writers, ProgressLog log)
    {
        await using var collection = VectorCollection.Create(folder, settings, new CollectionOptions { SnapshotEveryRecords = 0, SnapshotOnClose = false });
        long written = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (int i = w; clock.Elapsed < SmallWritesTime; i += writers)
            {
                await collection.UpsertAsync([records[i % records.Count] with { Id = (ulong)i }], Durability.Durable);
                Interlocked.Increment(ref written);
            }
        })));
        double rate = written / clock.Elapsed.TotalSeconds;
        log.Line($"durable one-record writes, {writers} writer(s): {rate:F0} records/s");
        return rate;
    }

    private static async Task<(double Reopen, double Read)> ReopenAsync(string folder, ProgressLog log)
    {
        var clock = Stopwatch.StartNew();
        await using (var collection = VectorCollection.Open(folder, new CollectionOptions { SnapshotOnClose = false }))
        {
            double reopen = clock.Elapsed.TotalSeconds;
            log.Line($"reopen {folder}: {reopen:F2} s ({(collection.Recovery.SnapshotAddress is null ? "full replay" : "snapshot")}, {collection.Count} records)");
            clock.Restart();
            ReadAll(folder);
            return (reopen, clock.Elapsed.TotalSeconds);
        }
    }

    private static void ReadAll(string folder)
    {
        var buffer = new byte[1 << 20];
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            while (stream.Read(buffer) > 0)
            {
            }
        }
    }
}
