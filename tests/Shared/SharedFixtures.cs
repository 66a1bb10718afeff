namespace ArcFace.VectorDb.Testing;

/// <summary>Locates ../shared/fixtures beside the repository (or ARCVDB_FIXTURES), where the real model and face crops live.</summary>
internal static class SharedFixtures
{
    /// <summary>What a test that needs the faces fixture writes to its output when it skips.</summary>
    public const string FacesAbsent = "SKIPPED: ../shared/fixtures/faces is absent (set ARCVDB_FIXTURES to its parent to run this test).";

    /// <summary>The faces fixture folder, or null when it is absent.</summary>
    public static string? Faces => Folder("faces");

    private static string? Folder(string name)
    {
        if (Environment.GetEnvironmentVariable("ARCVDB_FIXTURES") is { } configured)
            return Existing(Path.Combine(configured, name));
        return RepositoryFiles.Root is { } root ? Existing(Path.Combine(root, "..", "shared", "fixtures", name)) : null;
    }

    private static string? Existing(string path) => Directory.Exists(path) ? Path.GetFullPath(path) : null;
}
