using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>Runtime tuning of a collection (not stored: the manifest holds what the collection is).</summary>
public sealed record CollectionOptions
{
    /// <summary>The log's commit interval and page sizes.</summary>
    public VectorLogOptions Log { get; init; } = new();

    /// <summary>Write an index snapshot in the background after this many records (0: only when asked).</summary>
    public int SnapshotEveryRecords { get; init; } = 100_000;

    /// <summary>Write an index snapshot on close when records were written or replayed since the last one, so the next open is fast.</summary>
    public bool SnapshotOnClose { get; init; } = true;

    /// <summary>Open without writing anything (no clean-up of stale files, no snapshots); every write is refused.</summary>
    public bool ReadOnly { get; init; }
}

/// <summary>How a collection came back on open: from which snapshot, how much log it replayed, and what it had to skip.</summary>
public sealed record CollectionRecovery(long? SnapshotAddress, int ReplayedIntoIndex, IReadOnlyList<DamagedRecord> Damaged, IReadOnlyList<string> Warnings);
