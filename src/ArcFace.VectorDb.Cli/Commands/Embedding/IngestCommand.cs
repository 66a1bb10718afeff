using System.CommandLine;
using ArcFace.VectorDb.Embedding.Ingest;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>`arcvdb ingest`: embed a gallery into a local collection, or ingest it through a running server; with progress, an error report and resume.</summary>
internal static class IngestCommand
{
    /// <summary>Exit code of a run stopped by Ctrl-C (128 + SIGINT), after everything written was committed.</summary>
    public const int Interrupted = 130;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var arguments = new IngestArguments();
        var command = new Command("ingest", "Embed a gallery (label folders, CSV manifest or In-shop split) into a collection: parallel decoding, " +
            "with --detector every face of each photo detected, aligned and stored as its own point, batched ONNX inference, " +
            "a progress bar, an error report for unusable files; Ctrl-C stops cleanly and --resume continues. " +
            "With --db it writes a local database. With --server it ingests through a running server into a collection that exists there: " +
            "by default the image files are sent and the server embeds them with the collection's model (the model, detector and preprocessing options do not apply); " +
            "with --embed local they are embedded here and the vectors upserted, after checking that the collection was made by the same model and preprocessing. " +
            "Ids are the same either way: a hash of each image's path relative to the gallery, or the manifest's id.");
        arguments.AddTo(command);
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, log => arguments.ToServer(result)
            ? ServerIngest.RunAsync(result, arguments, log, cancellation)
            : LocalIngest.RunAsync(result, arguments, log, cancellation)));
        return command;
    }

    /// <summary>Prints the summary and the collection's size; returns the exit code: 0, or <see cref="Interrupted"/> when the run was stopped.</summary>
    public static int Finish(ParseResult result, IngestSummary summary, string collection, long count)
    {
        result.InvocationConfiguration.Output.WriteLine(summary.ToString());
        result.InvocationConfiguration.Output.WriteLine($"collection '{collection}' now holds {count} vectors");
        return summary.Cancelled ? Interrupted : 0;
    }
}
