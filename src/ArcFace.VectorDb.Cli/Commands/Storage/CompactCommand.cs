using System.CommandLine;
using ArcFace.VectorDb.Storage;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>`arcvdb compact`: rewrite collection logs without deleted and superseded records.</summary>
internal static class CompactCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var db = DatabaseOptions.Database();
        var collection = DatabaseOptions.Collection(required: false, "Compact only this collection (default: all).");
        var command = new Command("compact", "Rewrite collection logs and rebuild their indexes without deleted and superseded records; a crash leaves the old or the new state, complete.") { db, collection };
        command.SetAction(result => UserErrors.Run(result, log =>
        {
            var database = VectorDatabase.Open(result.GetValue(db)!.FullName);
            try
            {
                var names = result.GetValue(collection) is { } one ? [one] : database.CollectionNames();
                foreach (string name in names)
                {
                    var compacted = database.GetCollection(name).CompactAsync().GetAwaiter().GetResult();
                    result.InvocationConfiguration.Output.WriteLine(
                        $"compacted '{name}': {compacted.LiveRecords} live records, log {compacted.BytesBefore} → {compacted.BytesAfter} bytes, index {compacted.NodesBefore} → {compacted.NodesAfter} nodes");
                }
                return 0;
            }
            finally
            {
                database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }));
        return command;
    }
}
