using System.Buffers;
using FASTER.core;

namespace ArcFace.VectorDb.Storage.Log;

/// <summary>Receives each valid record of a scan, read in place, with its log address.</summary>
public delegate void LogRecordVisitor(long address, LogRecordView record);

/// <summary>
/// A collection's record log on a FASTER log, the source of truth: records are encoded with a checksum, appended in
/// memory, and committed to disk by a background group commit; a durable append completes only once its record is
/// committed. Reopening recovers to the last commit, so a torn tail is dropped.
/// </summary>
public sealed class VectorLog : IAsyncDisposable
{
    private const string LogFileName = "records.log";
    private const string CommitFolderName = "commits";

    private readonly IDevice device;
    private readonly FasterLog log;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task committer;

    private VectorLog(string directory, IDevice device, FasterLog log, TimeSpan commitInterval)
    {
        Directory = directory;
        this.device = device;
        this.log = log;
        committer = Task.Run(() => CommitLoopAsync(commitInterval));
    }

    /// <summary>Opens the log in <paramref name="directory"/>, creating it when absent and recovering to its last commit otherwise.</summary>
    public static VectorLog Open(string directory, VectorLogOptions? options = null)
    {
        options ??= new VectorLogOptions();
        System.IO.Directory.CreateDirectory(directory);
        var device = Devices.CreateLogDevice(Path.Combine(directory, LogFileName), preallocateFile: false, deleteOnClose: false, recoverDevice: true);
        try
        {
            var log = new FasterLog(new FasterLogSettings
            {
                LogDevice = device,
                LogCommitDir = Path.Combine(directory, CommitFolderName),
                PageSizeBits = options.PageSizeBits,
                MemorySizeBits = options.MemorySizeBits,
                SegmentSizeBits = options.SegmentSizeBits,
            });
            return new VectorLog(directory, device, log, options.CommitInterval);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    /// <summary>The folder holding the log's files.</summary>
    public string Directory { get; }

    /// <summary>Address just past the last committed record: everything before it survives a crash.</summary>
    public long CommittedUntil => log.CommittedUntilAddress;

    /// <summary>Address just past the last appended record, committed or not.</summary>
    public long Tail => log.TailAddress;

    /// <summary>Address of the first record still in the log.</summary>
    public long Begin => log.BeginAddress;

    /// <summary>Appends a record in memory and returns its address; it is durable only after a later commit (fire-and-forget).</summary>
    public long Append(LogRecord record)
    {
        int length = LogRecordEncoder.EncodedLength(record);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            LogRecordEncoder.Encode(record, buffer);
            return log.Enqueue(new ReadOnlySpan<byte>(buffer, 0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Appends a record and completes once it is committed to disk; returns its address.</summary>
    public async ValueTask<long> AppendDurableAsync(LogRecord record, CancellationToken cancellation = default)
    {
        long address = Append(record);
        await log.WaitForCommitAsync(log.TailAddress, token: cancellation);
        return address;
    }

    /// <summary>Completes once everything before <paramref name="until"/> is committed (by the group commit or any other).</summary>
    public ValueTask WaitForCommitAsync(long until, CancellationToken cancellation = default) => log.WaitForCommitAsync(until, token: cancellation);

    /// <summary>Commits everything appended so far and waits for it.</summary>
    public ValueTask CommitAsync(CancellationToken cancellation = default) => log.CommitAsync(cancellation);

    /// <summary>
    /// Visits every committed record from <paramref name="from"/> on, in log order. Entries that fail validation are
    /// skipped and returned with their address, never passed to <paramref name="visit"/>.
    /// </summary>
    public IReadOnlyList<DamagedRecord> Scan(long from, LogRecordVisitor visit)
    {
        var damaged = new List<DamagedRecord>();
        using var iterator = log.Scan(Math.Max(from, log.BeginAddress), log.CommittedUntilAddress);
        while (iterator.GetNext(MemoryPool<byte>.Shared, out var entry, out int length, out long address))
        {
            using (entry)
            {
                LogRecordView record;
                try
                {
                    record = LogRecordView.Parse(entry.Memory.Span[..length]);
                }
                catch (LogRecordException e)
                {
                    damaged.Add(new DamagedRecord(address, e.Message));
                    continue;
                }
                visit(address, record);
            }
        }
        return damaged;
    }

    /// <summary>Stops the group commit after a last commit of what was appended, and closes the files.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await committer;
        if (log.TailAddress > log.CommittedUntilAddress)
            await log.CommitAsync();
        log.Dispose();
        device.Dispose();
        stopping.Dispose();
    }

    private async Task CommitLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                if (log.TailAddress > log.CommittedUntilAddress)
                    await log.CommitAsync(stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
