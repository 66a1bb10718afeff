using System.CommandLine;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Storage;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>`arcvdb eval ann`: recall@k of a collection's HNSW index against exact search over the same collection, with QPS and latency per ef.</summary>
internal static class EvalAnnCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var db = new Option<DirectoryInfo>("--db") { Description = "The database directory.", Required = true };
        var collection = new Option<string>("--collection") { Description = "The collection whose index is measured.", Required = true };
        var sample = new Option<int>("--sample") { Description = "Stored vectors drawn as queries (all when the collection holds fewer).", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var queries = new Option<FileInfo?>("--queries") { Description = "Query vectors (.npy, .fvecs) instead of a sample." };
        var queryCollection = new Option<string?>("--query-collection") { Description = "A collection of the same database whose vectors are the queries, instead of a sample." };
        var seed = new Option<int>("--seed") { Description = "Seed of the sample.", DefaultValueFactory = _ => 42 };
        var efs = ListOption.OfPositiveInts("--ef", "ef values to sweep", [16, 32, 64, 128, 256]);
        var k = new Option<int>("--k", "-k") { Description = "Neighbours asked for and scored.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var threads = new Option<int>("--threads") { Description = "Threads for the exact ground truth (0 = every core); timed searches run on one.", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var json = new Option<FileInfo?>("--json") { Description = "Write the report here (same keys as `arcvdb bench ann`), with .md and a recall–QPS .png beside it (default DB/reports/ann-TIME.json)." };

        var command = new Command("ann", "How much recall the collection's HNSW index gives away for its speed: recall@k against exact search, QPS and p50/p99 latency per ef.")
        {
            db, collection, sample, queries, queryCollection, seed, efs, k, threads, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(queries) is not null && result.GetResult(queryCollection) is not null)
                result.AddError("Give --queries or --query-collection, not both.");
        });
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            await using var database = VectorDatabase.OpenReadOnly(result.GetValue(db)!.FullName);
            var target = EvalRetrievalCommand.Existing(database, result.GetValue(collection)!);
            var given = result.GetValue(queries) is { } file ? VectorFiles.ReadVectors(file.FullName)
                : result.GetValue(queryCollection) is { } name ? CollectionRows.Read(EvalRetrievalCommand.Existing(database, name), cancellation).Vectors
                : null;
            var settings = new CollectionAnnSettings
            {
                Sample = result.GetValue(sample), Seed = result.GetValue(seed), Efs = result.GetValue(efs)!, K = result.GetValue(k), MaxThreads = result.GetValue(threads),
            };
            var report = StagedProgress.Run(log, progress => CollectionAnnEvaluation.Run(target, settings, given, progress, cancellation));
            EvaluationOutput.Emit(report, result.GetValue(json) ?? EvaluationOutput.DefaultPath(database.Directory, "ann"), result.InvocationConfiguration.Output, log);
            return 0;
        }));
        return command;
    }
}
