using System.CommandLine;
using System.Globalization;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Storage;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>`arcvdb export`: a collection's vectors (as stored: L2-normalised for cosine), labels and ids back out as files, in id order.</summary>
internal static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var db = DatabaseOptions.Database();
        var collection = DatabaseOptions.Collection(required: true, "The collection to export.");
        var output = new Option<FileInfo>("--out") { Description = "Where to write the vectors: .npy (float32, N×D) or .fvecs.", Required = true };
        var labels = new Option<FileInfo?>("--labels") { Description = "Also write the labels here, one line per vector (what `import --labels` reads)." };
        var ids = new Option<FileInfo?>("--ids") { Description = "Also write the ids here, one line per vector (what `import --ids` reads)." };
        var command = new Command("export", "Write a collection's vectors (as stored, so L2-normalised for cosine), and optionally its labels and ids, to files in id order. " +
            "Reads beside other readers (a shared lock); while a server owns the database, read points through its Get call instead.")
        {
            db, collection, output, labels, ids,
        };
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            var target = result.GetValue(output)!;
            string extension = target.Extension.ToLowerInvariant();
            if (extension is not (".npy" or ".fvecs"))
                throw new ArgumentException($"--out '{target.Name}': write .npy or .fvecs.");
            await using var database = VectorDatabase.OpenReadOnly(result.GetValue(db)!.FullName);
            var rows = CollectionRows.Read(database.GetCollection(result.GetValue(collection)!), cancellation);
            var vectors = new VectorSet(rows.Rows, rows.Dimension);
            if (extension == ".npy")
                VectorFiles.WriteNpy(target.FullName, vectors);
            else
                VectorFiles.WriteFvecs(target.FullName, vectors);
            if (result.GetValue(labels) is { } labelFile)
                await File.WriteAllLinesAsync(labelFile.FullName, rows.Labels.Select(l => string.Join(',', l)), cancellation);
            if (result.GetValue(ids) is { } idFile)
                await File.WriteAllLinesAsync(idFile.FullName, rows.Ids.Select(id => id.ToString(CultureInfo.InvariantCulture)), cancellation);
            log.Line($"exported {vectors.Count} {rows.Dimension}-d vectors of '{result.GetValue(collection)}' to {target.FullName}");
            return 0;
        }));
        return command;
    }
}
