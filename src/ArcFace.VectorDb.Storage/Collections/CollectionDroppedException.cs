namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>A call reached a collection after its drop began: the collection is gone, nothing was done.</summary>
public sealed class CollectionDroppedException(string collectionName)
    : CollectionNotFoundException(collectionName, $"Collection '{CollectionNames.Shown(collectionName)}' was dropped.");
