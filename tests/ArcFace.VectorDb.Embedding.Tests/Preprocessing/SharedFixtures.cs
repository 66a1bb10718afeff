namespace ArcFace.VectorDb.Embedding.Tests.Preprocessing;

/// <summary>Locates ../shared/fixtures beside the repository (or ARCVDB_FIXTURES), where the real model and face crops live.</summary>
internal static class SharedFixtures
{
    /// <summary>The faces fixture folder, or null when it is absent.</summary>
    public static string? Faces => Folder("faces");

    private static string? Folder(string name)
    {
        if (Environment.GetEnvironmentVariable("ARCVDB_FIXTURES") is { } configured)
            return Existing(Path.Combine(configured, name));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArcFace.VectorDb.sln")))
                return Existing(Path.Combine(dir.FullName, "..", "shared", "fixtures", name));
        }
        return null;
    }

    private static string? Existing(string path) => Directory.Exists(path) ? Path.GetFullPath(path) : null;
}
