namespace ArcFace.VectorDb.Storage.Log;

/// <summary>A log record's bytes are not a valid record: failed checksum, truncated, unknown op or a newer format.</summary>
public sealed class LogRecordException(string message) : IOException(message);
