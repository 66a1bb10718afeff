namespace ArcFace.VectorDb.Storage;

/// <summary>Bytes that files take on disk.</summary>
public static class DiskUsage
{
    /// <summary>
    /// Total size of every file under <paramref name="folder"/>, subfolders included. A file removed while it is
    /// counted (the log deletes old commit files in the background) counts as gone, not as an error.
    /// </summary>
    public static long Bytes(string folder)
    {
        long total = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            try
            {
                total += file.Length;
            }
            catch (FileNotFoundException)
            {
            }
        }
        return total;
    }
}
