using System.CommandLine;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>`arcvdb import`: load a vector file into a collection.</summary>
internal static class ImportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var db = DatabaseOptions.Database();
        var collection = DatabaseOptions.Collection(required: true, "The collection to import into; created (with the file's dimension) when absent.");
        var vectors = new Option<FileInfo>("--vectors") { Description = "Vectors to import (.fvecs, .bvecs or .npy).", Required = true };
        var labels = new Option<FileInfo?>("--labels") { Description = "Text file with one label per vector row." };
        var ids = new Option<FileInfo?>("--ids") { Description = "Text file with one unsigned 64-bit id per vector row (default: the row number)." };
        var resume = new Option<bool>("--resume") { Description = "Skip rows whose id is already in the collection (continue an import that was stopped)." };
        var durability = new Option<Durability>("--durability") { Description = "Durable: each batch is committed before the next; FireAndForget: batches are committed in the background, so a crash can lose the last few milliseconds.", DefaultValueFactory = _ => Durability.Durable };
        var metric = new Option<CollectionMetric>("--metric") { Description = "Metric of a new collection (an existing one must already have it).", DefaultValueFactory = _ => CollectionMetric.Cosine };
        var m = IndexOptions.M("HNSW M of a new collection.");
        var efConstruction = IndexOptions.EfConstruction("HNSW efConstruction of a new collection.");
        var quantization = IndexOptions.Quantization("How a new collection's index holds vectors (an existing one must already have it):");
        var batch = new Option<int>("--batch") { Description = "Records per write.", DefaultValueFactory = _ => 1024 };

        var command = new Command("import", "Import a vector file into a collection, with a progress bar; --resume continues a stopped import.")
        {
            db, collection, vectors, labels, ids, resume, durability, metric, m, efConstruction, quantization, batch,
        };
        command.SetAction(result => UserErrors.Run(result, log =>
        {
            var settings = new ImportSettings(result.GetValue(db)!, result.GetValue(collection)!, result.GetValue(vectors)!, result.GetValue(labels), result.GetValue(ids),
                result.GetValue(resume), result.GetValue(durability), Given(result, metric), Given(result, m), Given(result, efConstruction), Math.Max(1, result.GetValue(batch)), Given(result, quantization));
            result.InvocationConfiguration.Output.WriteLine(VectorImport.Run(settings, log));
            return 0;
        }));
        return command;
    }

    /// <summary>The option's value when the command line gave it, null when it would only be the default.</summary>
    private static T? Given<T>(ParseResult result, Option<T> option) where T : struct =>
        result.GetResult(option) is { Implicit: false } ? result.GetValue(option) : null;
}
