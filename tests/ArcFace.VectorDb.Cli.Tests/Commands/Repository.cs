namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>Files of the repository the tests run from (found by walking up to ArcFace.VectorDb.sln).</summary>
internal static class Repository
{
    /// <summary>The path of a file under the repository root.</summary>
    public static string File(params string[] parts)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "ArcFace.VectorDb.sln")))
                return Path.Combine([folder.FullName, .. parts]);
        }
        throw new DirectoryNotFoundException($"No ArcFace.VectorDb.sln above {AppContext.BaseDirectory}.");
    }
}
