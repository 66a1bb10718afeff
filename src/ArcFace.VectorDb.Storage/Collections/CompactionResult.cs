namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>What a compaction did: live records kept, the log's bytes on disk and the index's nodes (tombstones included) before and after.</summary>
public sealed record CompactionResult(int LiveRecords, long BytesBefore, long BytesAfter, int NodesBefore, int NodesAfter);
