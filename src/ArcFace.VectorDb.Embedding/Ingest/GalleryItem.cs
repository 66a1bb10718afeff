using System.Numerics;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>
/// One image of a gallery to ingest: its file (or, for images sent over the network, its name and bytes), the key its
/// id derives from (a path relative to the gallery), label, id, optional 5-point landmarks, or the problem that makes
/// the entry unusable before the file is even read.
/// </summary>
public sealed record GalleryItem(string Path, string Key, string Label, ulong Id, Vector2[]? Landmarks = null, string? Problem = null, byte[]? Content = null);
