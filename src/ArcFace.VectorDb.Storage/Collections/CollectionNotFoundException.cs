namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>A call named a collection the database does not have, or one that was dropped while the call ran.</summary>
public class CollectionNotFoundException(string collectionName, string message) : StorageException(message)
{
    /// <summary>The collection the call named.</summary>
    public string CollectionName { get; } = collectionName;
}
