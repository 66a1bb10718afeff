namespace ArcFace.VectorDb.Storage.Log;

/// <summary>Tuning of a collection's log.</summary>
public sealed record VectorLogOptions
{
    /// <summary>How often buffered records are committed (group commit); durable appends wait for the next one.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Log page size as a power of two; one record must fit in a page (22: 4 MiB, a 65,536-d vector is 256 KiB).</summary>
    public int PageSizeBits { get; init; } = 22;

    /// <summary>In-memory part of the log as a power of two (at least two pages).</summary>
    public int MemorySizeBits { get; init; } = 25;

    /// <summary>Size of each file on disk as a power of two.</summary>
    public int SegmentSizeBits { get; init; } = 30;
}
