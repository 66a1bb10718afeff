namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>What a compaction did: live records kept, and the log's bytes on disk before and after.</summary>
public sealed record CompactionResult(int LiveRecords, long BytesBefore, long BytesAfter);
