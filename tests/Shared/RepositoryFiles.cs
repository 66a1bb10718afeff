namespace ArcFace.VectorDb.Testing;

/// <summary>The repository the tests run from, found by walking up from the test binaries to ArcFace.VectorDb.sln.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root, or null when the tests run outside a checkout.</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary>A path under the repository root; throws when there is no checkout.</summary>
    public static string Path(params string[] parts) =>
        Root is { } root ? System.IO.Path.Combine([root, .. parts]) : throw new DirectoryNotFoundException($"No ArcFace.VectorDb.sln above {AppContext.BaseDirectory}.");

    private static string? FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "ArcFace.VectorDb.sln")))
                return folder.FullName;
        }
        return null;
    }
}
