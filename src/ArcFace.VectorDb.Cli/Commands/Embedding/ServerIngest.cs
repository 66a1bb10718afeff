using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands.Serving;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Protos;
using Grpc.Core;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>`arcvdb ingest --server`: a gallery ingested through a running server, which embeds the images (--embed server) or takes vectors embedded here (--embed local).</summary>
internal static class ServerIngest
{
    /// <summary>Runs the ingest the options describe; returns the exit code.</summary>
    public static async Task<int> RunAsync(ParseResult result, IngestArguments arguments, ProgressLog log, CancellationToken cancellation)
    {
        using var server = arguments.Server.Connect(result);
        string name = result.GetValue(arguments.Collection)!;
        try
        {
            var collection = await ExistingAsync(server, name, cancellation);
            var items = arguments.Source.Read(result);
            using var report = new ErrorReport(arguments.ReportPath(result, Environment.CurrentDirectory, name));
            var run = new ServerIngestRun(server, collection, items, report, result.GetValue(arguments.Resume), $"ingest into '{name}' on {server.Address}");
            var summary = arguments.EmbedsHere(result)
                ? await ClientEmbeddedIngest.RunAsync(run, result, arguments, log, cancellation)
                : await ServerEmbeddedIngest.RunAsync(run, result.GetValue(arguments.Thumbnails), log, cancellation);
            // The count is asked for even after Ctrl-C: the run has ended, and the answer is quick.
            var after = await server.VectorDb.GetCollectionAsync(new GetCollectionRequest { Name = name }, server.Headers, cancellationToken: CancellationToken.None);
            return IngestCommand.Finish(result, summary, name, (long)after.Count);
        }
        catch (RpcException e)
        {
            log.Line(server.Explain(e));
            return 1;
        }
    }

    /// <summary>The collection's description; one that does not exist is an error that says how to create it.</summary>
    private static async Task<CollectionInfo> ExistingAsync(ServerClient server, string name, CancellationToken cancellation)
    {
        try
        {
            return await server.VectorDb.GetCollectionAsync(new GetCollectionRequest { Name = name }, server.Headers, cancellationToken: cancellation);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw new ArgumentException($"{server.Address} has no collection '{name}'. Create it there first with the model that embeds its images: a CreateCollection call " +
                $"naming an ONNX file of the server's --model-dir, e.g. POST /v1/collections {{\"name\": \"{name}\", \"model\": \"MODEL.onnx\"}} on its --http-listen address; " +
                "or ingest into a local database (--db) and serve that.");
        }
    }
}
