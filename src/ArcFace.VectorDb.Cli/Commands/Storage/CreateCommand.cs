using System.CommandLine;
using ArcFace.VectorDb.Storage;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>`arcvdb create`: make an empty database, so that `serve` (which never creates one without --create) has one to serve.</summary>
internal static class CreateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var db = DatabaseOptions.Database();
        var command = new Command("create", "Create an empty database in an absent or empty directory. `import` and `ingest` create one when missing; `serve` only with --create.") { db };
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            await using var database = VectorDatabase.Create(result.GetValue(db)!.FullName);
            log.Line($"created database {database.Directory}");
            return 0;
        }));
        return command;
    }
}
