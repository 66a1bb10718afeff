namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>A collection of the name to be created exists already.</summary>
public sealed class CollectionExistsException(string collectionName, string message) : StorageException(message)
{
    /// <summary>The collection the call named.</summary>
    public string CollectionName { get; } = collectionName;
}
