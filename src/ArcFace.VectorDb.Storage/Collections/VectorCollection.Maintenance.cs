using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Storage.Thumbnails;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>Snapshots and compaction: work that keeps recovery fast, and the log and the index small.</summary>
public sealed partial class VectorCollection
{
    /// <summary>Records in the manifest the execution provider of the latest ingest, a setting that may change after creation.</summary>
    public Task RecordProviderAsync(string provider, CancellationToken cancellation = default) =>
        UpdateSettingsAsync(settings => settings with { Provider = provider }, cancellation);

    /// <summary>Records the face detector of a collection that had none (its queries by photo detect with it from then on).</summary>
    public Task RecordDetectorAsync(string detector, CancellationToken cancellation = default) =>
        UpdateSettingsAsync(settings => settings.Detector is null ? settings with { Detector = detector } : settings, cancellation);

    /// <summary>Rewrites the manifest when <paramref name="update"/> changes the settings (writes wait meanwhile).</summary>
    private async Task UpdateSettingsAsync(Func<CollectionSettings, CollectionSettings> update, CancellationToken cancellation)
    {
        RequireWritable();
        await WithWriterAsync(() =>
        {
            var updated = update(Settings);
            if (updated != Settings)
            {
                Settings = updated;
                CollectionManifest.Write(Directory, Settings);
            }
            return Task.CompletedTask;
        }, cancellation);
    }

    /// <summary>Records written (or replayed) since the last index snapshot: what a reopen would replay from the log.</summary>
    public int WrittenSinceSnapshot => Volatile.Read(ref writtenSinceSnapshot);

    /// <summary>Commits the log and writes an index snapshot covering it (writes wait meanwhile); returns the snapshot's path.</summary>
    public async Task<string> SnapshotAsync(CancellationToken cancellation = default)
    {
        RequireWritable();
        string path = "";
        await WithWriterAsync(async () => path = await WriteSnapshotAsync(cancellation), cancellation);
        return path;
    }

    /// <summary>
    /// Rewrites the log with only the live records (deleted and superseded ones dropped) into a new generation, builds
    /// a new index of only those records (tombstones gone) as that generation's snapshot, and switches to both
    /// atomically. Writes wait meanwhile; searches go on against the old index until the switch, which waits only for
    /// the calls inside. A crash at any point leaves the old or the new generation, complete.
    /// </summary>
    public async Task<CompactionResult> CompactAsync(IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        RequireWritable();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, Dropped);
        try
        {
            await writer.WaitAsync(stop.Token);
            try
            {
                return await CompactHoldingWriterAsync(progress, stop.Token);
            }
            finally
            {
                writer.Release();
            }
        }
        catch (OperationCanceledException) when (Dropped.IsCancellationRequested)
        {
            throw new CollectionDroppedException(Settings.Name);
        }
    }

    private async Task<CompactionResult> CompactHoldingWriterAsync(IProgress<int>? progress, CancellationToken cancellation)
    {
        var (next, compacted, rebuilt, copied, before) = await WriteNextGenerationAsync(progress, cancellation);
        // Outside the gate now, so the pause can wait for every call inside; a drop that closed it meanwhile wins.
        if (!await gate.TryPauseAsync())
        {
            await DiscardAsync(next, compacted, rebuilt, copied);
            throw new CollectionDroppedException(Settings.Name);
        }
        var (oldLog, oldIndex, oldThumbnails) = (log, index, thumbnails);
        try
        {
            generations.Switch(next);
            (log, index, snapshots, thumbnails) = (compacted, rebuilt, new CollectionSnapshots(next), copied);
            writtenSinceSnapshot = 0;
        }
        finally
        {
            gate.Resume();
        }
        await oldLog.DisposeAsync();
        oldIndex.Dispose();
        oldThumbnails.Dispose();
        return new CompactionResult(rebuilt.Count, before.LogBytes, LogBytes(compacted), before.Nodes, rebuilt.NodeCount);
    }

    /// <summary>When the newest index snapshot was written, or null when there is none (read inside the gate: a drop moves the files only after).</summary>
    public DateTime? LastSnapshotUtc => Guarded(() => snapshots.NewestWriteTimeUtc());

    /// <summary>Bytes the live generation's log, snapshots and thumbnails take on disk (read inside the gate: a drop moves the files only after).</summary>
    public long DiskBytes => Guarded(() => DiskUsage.Bytes(Path.GetDirectoryName(log.Directory)!));

    /// <summary>The index's size now: live records, graph nodes (tombstones included), bytes in memory and bytes of the re-rank file.</summary>
    public IndexSize IndexSize => Guarded(() => new IndexSize(index.Count, index.NodeCount, index.TombstoneCount, index.MemoryBytes, index.ExactVectorBytes));

    /// <summary>Under the writer lock: commits the log and writes a snapshot of the index covering it.</summary>
    private async Task<string> WriteSnapshotAsync(CancellationToken cancellation)
    {
        await AllAppliedAsync();
        await log.CommitAsync(cancellation);
        string path = snapshots.Write(index, log.Tail);
        writtenSinceSnapshot = 0;
        return path;
    }

    /// <summary>Runs <paramref name="work"/> holding the writer lock and inside the gate (in that order, as every writer takes them).</summary>
    private async Task WithWriterAsync(Func<Task> work, CancellationToken cancellation)
    {
        await writer.WaitAsync(cancellation);
        try
        {
            gate.Enter();
            try
            {
                await work();
            }
            finally
            {
                gate.Exit();
            }
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>
    /// Under the writer lock, inside the gate: writes the live records into the log of a new generation, builds their
    /// index and snapshots it there, and copies their thumbnails. Nothing is switched yet; on failure the new generation is removed.
    /// </summary>
    private async Task<(string Next, VectorLog Log, HnswIndex Index, ThumbnailStore Thumbnails, (long LogBytes, int Nodes) Before)> WriteNextGenerationAsync(IProgress<int>? progress, CancellationToken cancellation)
    {
        gate.Enter();
        try
        {
            await AllAppliedAsync();
            await log.CommitAsync(cancellation);
            var before = (LogBytes(log), index.NodeCount);
            string next = generations.CreateNext();
            var compacted = VectorLog.Open(Path.Combine(next, LogFolderName), options.Log);
            var rebuilt = new HnswIndex(Settings.Dimension, index.Options, RerankFile(next, readOnly: false));
            ThumbnailStore? copied = null;
            try
            {
                var live = metadata.Keys.Order().ToArray();
                foreach (ulong id in live)
                {
                    if (Read(id) is { } record)
                        compacted.Append(LogRecord.Upsert(record.Id, record.Vector, record.Label, record.Source, record.Attributes));
                }
                await compacted.CommitAsync(cancellation);
                Rebuild(rebuilt, live, progress, cancellation);
                new CollectionSnapshots(next).Write(rebuilt, compacted.Tail);
                copied = thumbnails.CopyLive(next, live);
                return (next, compacted, rebuilt, copied, before);
            }
            catch
            {
                await DiscardAsync(next, compacted, rebuilt, copied);
                throw;
            }
        }
        finally
        {
            gate.Exit();
        }
    }

    private static async Task DiscardAsync(string generation, VectorLog log, HnswIndex index, ThumbnailStore? thumbnails)
    {
        index.Dispose();
        thumbnails?.Dispose();
        await log.DisposeAsync();
        System.IO.Directory.Delete(generation, recursive: true);
    }

    /// <summary>
    /// Inserts the live records' vectors, read from the current index, into <paramref name="rebuilt"/> on every core;
    /// a quantised index first learns its codes afresh from a sample of them.
    /// </summary>
    private void Rebuild(HnswIndex rebuilt, ulong[] live, IProgress<int>? progress, CancellationToken cancellation)
    {
        if (!rebuilt.IsTrained && live.Length > 0)
            rebuilt.Train(TrainingSample(live));
        int done = 0;
        Parallel.For(0, live.Length, new ParallelOptions { CancellationToken = cancellation }, () => new float[Settings.Dimension], (i, _, vector) =>
        {
            if (index.TryGetVector(live[i], vector))
                rebuilt.Upsert(live[i], vector);
            int finished = Interlocked.Increment(ref done);
            if (progress is not null && (finished % 4096 == 0 || finished == live.Length))
                progress.Report(finished);
            return vector;
        }, _ => { });
    }

    /// <summary>The vectors of up to <see cref="TrainingRows"/> live records spread over <paramref name="live"/>, row after row.</summary>
    private float[] TrainingSample(ulong[] live)
    {
        int rows = Math.Min(live.Length, TrainingRows);
        var sample = new float[rows * Settings.Dimension];
        int taken = 0;
        for (int i = 0; i < rows; i++)
        {
            if (index.TryGetVector(live[(int)((long)i * live.Length / rows)], sample.AsSpan(taken * Settings.Dimension, Settings.Dimension)))
                taken++;
        }
        return sample[..(Math.Max(taken, 1) * Settings.Dimension)];
    }

    private static long LogBytes(VectorLog log) => DiskUsage.Bytes(log.Directory);
}
