using System.CommandLine;
using System.Text.Json;
using ArcFace.VectorDb.Storage;
using Spectre.Console;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>`arcvdb info`: the collections of a database with their counts, dimensions, bytes on disk, thumbnails and snapshot age.</summary>
internal static class InfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var db = DatabaseOptions.Database();
        var json = new Option<bool>("--json") { Description = "Print {\"collections\": [...]} as JSON instead of a table." };
        var command = new Command("info", "List the collections of a database: count, dimension, metric, bytes on disk, index nodes and tombstones, quantisation with the index's bytes in memory and its re-rank file's, thumbnails, snapshot age. Reads beside other readers (a shared lock); refused while a server or an import owns the database (ask the server instead).") { db, json };
        command.SetAction(result => UserErrors.Run(result, log =>
        {
            var database = VectorDatabase.OpenReadOnly(result.GetValue(db)!.FullName);
            try
            {
                var infos = database.CollectionNames().Select(name => CollectionInfo.Of(database.GetCollection(name))).ToList();
                var output = result.InvocationConfiguration.Output;
                if (result.GetValue(json))
                    output.WriteLine(JsonSerializer.Serialize(new { collections = infos }, ArcFace.VectorDb.Evaluation.EvaluationJson.Options));
                else
                    PrintTable(infos, output);
                foreach (var info in infos)
                    foreach (string warning in info.Warnings)
                        log.Line($"warning: {info.Name}: {warning}");
                return 0;
            }
            finally
            {
                database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }));
        return command;
    }

    private static void PrintTable(List<CollectionInfo> infos, TextWriter output)
    {
        var console = TableConsole.For(output);
        if (infos.Count == 0)
        {
            console.WriteLine("no collections");
            return;
        }
        var table = new Table().AddColumns("collection", "count", "dim", "metric", "MiB on disk", "index nodes (tombstones)", "quantization", "index MiB in memory", "re-rank MiB", "thumbnails (MiB)", "snapshot age", "model", "faces by", "provider");
        foreach (var info in infos)
        {
            table.AddRow(info.Name, $"{info.Count}", $"{info.Dim}", info.Metric, $"{info.Bytes / 1048576.0:F1}", $"{info.IndexNodes} ({info.IndexTombstones})",
                info.Quantization, $"{info.IndexBytes / 1048576.0:F1}", info.RerankBytes > 0 ? $"{info.RerankBytes / 1048576.0:F1}" : "-",
                $"{info.Thumbnails} ({info.ThumbnailBytes / 1048576.0:F1})",
                info.SnapshotAgeSeconds is { } age ? $"{age:F0} s" : "none", Markup.Escape(info.Model?.Split(' ')[0] ?? "-"), Markup.Escape(info.Detector?.Split(' ')[0] ?? "-"), info.Provider?.Replace("ExecutionProvider", "", StringComparison.Ordinal) ?? "-");
        }
        console.Write(table);
    }
}
