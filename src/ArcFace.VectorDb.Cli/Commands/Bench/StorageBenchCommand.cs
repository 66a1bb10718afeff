using System.CommandLine;
using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench storage`: import rates and reopen times against a bare FasterLog and sequential reads.</summary>
internal static class StorageBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var vectors = new Option<FileInfo>("--vectors") { Description = "Vectors to import (.fvecs, .bvecs or .npy).", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N vectors." };
        var work = new Option<DirectoryInfo>("--work-dir") { Description = "Where the temporary collections go (deleted afterwards).", DefaultValueFactory = _ => new DirectoryInfo(Path.GetTempPath()) };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this file." };
        var command = new Command("storage", "Import a vector file durably and fire-and-forget, reopen from a snapshot and by full replay; compare with a bare FasterLog append and sequential reads of the same files.")
        {
            vectors, limit, work, json,
        };
        command.SetAction(result => UserErrors.Run(result, log =>
        {
            var file = result.GetValue(vectors)!;
            if (!file.Exists)
                throw new FileNotFoundException($"--vectors: file not found: {file.FullName}");
            var set = VectorFiles.ReadVectors(file.FullName, result.GetValue(limit) ?? int.MaxValue);
            var report = StorageBench.RunAsync(set, result.GetValue(work)!.FullName, log).GetAwaiter().GetResult();
            ReportJson.Emit(result, report, result.GetValue(json));
            return 0;
        }));
        return command;
    }
}
