using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>Snapshots and compaction: work that keeps recovery fast and the log small.</summary>
public sealed partial class VectorCollection
{
    /// <summary>Records in the manifest the execution provider of the latest ingest, the one setting that may change after creation.</summary>
    public async Task RecordProviderAsync(string provider, CancellationToken cancellation = default)
    {
        await writer.WaitAsync(cancellation);
        try
        {
            if (Settings.Provider == provider)
                return;
            Settings = Settings with { Provider = provider };
            CollectionManifest.Write(Directory, Settings);
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>Commits the log and writes an index snapshot covering it (writes wait meanwhile); returns the snapshot's path.</summary>
    public async Task<string> SnapshotAsync(CancellationToken cancellation = default)
    {
        await writer.WaitAsync(cancellation);
        try
        {
            await AllAppliedAsync();
            await log.CommitAsync(cancellation);
            string path = snapshots.Write(index, log.Tail);
            writtenSinceSnapshot = 0;
            return path;
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>
    /// Rewrites the log with only the live records (deleted and superseded ones dropped) into a new generation,
    /// carries the index over as that generation's snapshot, and switches to it atomically. Writes wait meanwhile;
    /// searches do not. A crash at any point leaves the old or the new generation, complete.
    /// </summary>
    public async Task<CompactionResult> CompactAsync(CancellationToken cancellation = default)
    {
        await writer.WaitAsync(cancellation);
        try
        {
            await AllAppliedAsync();
            await log.CommitAsync(cancellation);
            long bytesBefore = LogBytes(log);
            string next = generations.CreateNext();
            var compacted = VectorLog.Open(Path.Combine(next, LogFolderName), options.Log);
            int live;
            try
            {
                live = 0;
                foreach (var record in Scan())
                {
                    compacted.Append(LogRecord.Upsert(record.Id, record.Vector, record.Label, record.Source, record.Attributes));
                    live++;
                }
                await compacted.CommitAsync(cancellation);
                new CollectionSnapshots(next).Write(index, compacted.Tail);
            }
            catch
            {
                await compacted.DisposeAsync();
                System.IO.Directory.Delete(next, recursive: true);
                throw;
            }
            await log.DisposeAsync();
            generations.Switch(next);
            log = compacted;
            snapshots = new CollectionSnapshots(next);
            writtenSinceSnapshot = 0;
            return new CompactionResult(live, bytesBefore, LogBytes(compacted));
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>When the newest index snapshot was written, or null when there is none.</summary>
    public DateTime? LastSnapshotUtc => snapshots.NewestWriteTimeUtc();

    /// <summary>Bytes the live generation's log and snapshots take on disk.</summary>
    public long DiskBytes => DiskUsage.Bytes(Path.GetDirectoryName(log.Directory)!);

    private static long LogBytes(VectorLog log) => DiskUsage.Bytes(log.Directory);
}
