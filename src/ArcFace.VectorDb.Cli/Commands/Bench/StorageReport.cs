namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>What `arcvdb bench storage` measured, each rate or time beside its baseline from the same run.</summary>
internal sealed record StorageReport
{
    /// <summary>Vectors imported.</summary>
    public required int Vectors { get; init; }

    /// <summary>Components per vector.</summary>
    public required int Dim { get; init; }

    /// <summary>Baseline: encoded records appended to a bare FasterLog and committed once, vectors/s.</summary>
    public required double BareLogAppendVps { get; init; }

    /// <summary>Collection import, every batch committed before the next (log + HNSW), vectors/s.</summary>
    public required double ImportDurableVps { get; init; }

    /// <summary>Collection import with background group commit, until all is committed, vectors/s.</summary>
    public required double ImportFireAndForgetVps { get; init; }

    /// <summary>Reopen from the snapshot written on close, seconds.</summary>
    public required double ReopenSnapshotSeconds { get; init; }

    /// <summary>Baseline: reading that collection's files sequentially, seconds.</summary>
    public required double ReadSnapshotFilesSeconds { get; init; }

    /// <summary>Reopen without a snapshot (full log replay, index rebuilt), seconds.</summary>
    public required double ReopenReplaySeconds { get; init; }

    /// <summary>Baseline: reading that collection's log files sequentially, seconds.</summary>
    public required double ReadLogFilesSeconds { get; init; }

    /// <summary>Log bytes on disk per vector.</summary>
    public required double LogBytesPerVector { get; init; }

    /// <summary>Log plus index snapshot bytes on disk per vector.</summary>
    public required double TotalBytesPerVector { get; init; }

    /// <summary>Durable writes of one record each by one writer, records/s (each waits for its commit).</summary>
    public required double DurableSingleRecordWritesPerSecondOneWriter { get; init; }

    /// <summary>The same with <see cref="ConcurrentWriters"/> writers at once: what group commit gains when writers overlap, records/s.</summary>
    public required double DurableSingleRecordWritesPerSecondConcurrent { get; init; }

    /// <summary>Writers of the concurrent measurement.</summary>
    public required int ConcurrentWriters { get; init; }
}
