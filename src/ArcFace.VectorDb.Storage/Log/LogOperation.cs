namespace ArcFace.VectorDb.Storage.Log;

/// <summary>What a log record does to its id.</summary>
public enum LogOperation : byte
{
    /// <summary>Inserts the id, or replaces everything stored under it.</summary>
    Upsert = 1,

    /// <summary>Removes the id.</summary>
    Delete = 2,
}
