using System.CommandLine;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>Options shared by the commands that work on a database.</summary>
internal static class DatabaseOptions
{
    /// <summary>--db DIR, required.</summary>
    public static Option<DirectoryInfo> Database() => new("--db") { Description = "The database directory.", Required = true };

    /// <summary>--collection NAME.</summary>
    public static Option<string> Collection(bool required, string description) => new("--collection") { Description = description, Required = required };
}
