namespace ArcFace.VectorDb.Storage;

/// <summary>Bytes that files take on disk.</summary>
public static class DiskUsage
{
    /// <summary>Total size of every file under <paramref name="folder"/>, subfolders included.</summary>
    public static long Bytes(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
