using System.CommandLine;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>Options shared by the commands that work on a database.</summary>
internal static class DatabaseOptions
{
    /// <summary>--db DIR, required unless <paramref name="required"/> is false (a command that can work elsewhere, such as ingest through a server).</summary>
    public static Option<DirectoryInfo> Database(bool required = true, string description = "The database directory.") => new("--db") { Description = description, Required = required };

    /// <summary>--collection NAME.</summary>
    public static Option<string> Collection(bool required, string description) => new("--collection") { Description = description, Required = required };
}
