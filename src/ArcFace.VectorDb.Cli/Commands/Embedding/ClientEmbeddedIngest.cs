using System.CommandLine;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Ingestion;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>
/// `arcvdb ingest --server --embed local`: embeds the gallery here with the model the options name, once the server's
/// collection is checked to have been made by the same model, preprocessing and detector (the rule a local ingest
/// applies), and upserts the vectors through one streaming Upsert call. Ctrl-C stops after the write in flight and ends
/// the call, so every write sent is committed.
/// </summary>
internal static class ClientEmbeddedIngest
{
    /// <summary>Runs the ingest under a progress bar and returns its summary once the server has acknowledged every write.</summary>
    public static async Task<IngestSummary> RunAsync(ServerIngestRun run, ParseResult result, IngestArguments arguments, ProgressLog log, CancellationToken cancellation)
    {
        using var opened = OpenedImageEmbedder.Open(result, arguments.Model, arguments.Faces, log);
        var embedder = opened.Embedder;
        log.Line(opened.Description);
        if (IngestTarget.Refusal(Settings(run.Collection), embedder) is { } refusal)
            throw new ArgumentException($"{run.Server.Address}: {refusal}");
        var presence = new ServerPresence(run.Server, run.Collection.Name);
        using var sink = new UpsertStreamSink(run.Server, run.Collection.Name, result.GetValue(arguments.Durability), presence);
        var pipeline = new IngestPipeline(embedder, sink, new IngestOptions { Workers = result.GetValue(arguments.Workers), Resume = run.Resume }, run.Report);
        var items = run.Resume ? presence.LookAhead(run.Items, embedder, cancellation) : run.Items.ToAsyncEnumerable();
        var summary = await IngestWithProgress.RunAsync(pipeline, items, run.Items.Count, run.Description, log, cancellation);
        await sink.CompleteAsync();
        return summary;
    }

    /// <summary>What the model-compatibility rule needs of a collection the server describes.</summary>
    private static CollectionSettings Settings(CollectionInfo info) => new()
    {
        Name = info.Name, Dimension = (int)info.Dimension, Model = NullIfEmpty(info.Model), Preprocessing = NullIfEmpty(info.Preprocessing), Detector = NullIfEmpty(info.Detector),
    };

    private static string? NullIfEmpty(string text) => text.Length > 0 ? text : null;
}
