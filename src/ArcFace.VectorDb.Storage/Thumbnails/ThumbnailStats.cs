namespace ArcFace.VectorDb.Storage.Thumbnails;

/// <summary>How many thumbnails a collection holds and how many bytes their images take.</summary>
public readonly record struct ThumbnailStats(int Count, long Bytes);
