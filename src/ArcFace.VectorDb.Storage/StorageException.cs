namespace ArcFace.VectorDb.Storage;

/// <summary>A database or collection cannot be opened or used as asked; the message says what to do.</summary>
public class StorageException(string message, Exception? inner = null) : IOException(message, inner);
