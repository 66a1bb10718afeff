using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cli.Commands.Demo;

/// <summary>
/// `arcvdb demo`: the whole product on embedded defaults, through its gRPC API. A server on loopback over a fresh
/// database; the bundled gallery streamed in and embedded with the bundled ArcFace model; searches by image; the
/// retrieval evaluation job; then an ArcFace-like vector set upserted and the ANN evaluation job; reports and charts.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder of the demo database (replaced on each run); reports land under DB/jobs.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")) };
        var count = new Option<int>("--n") { Description = "ArcFace-like vectors in the collection the ANN evaluation measures.", DefaultValueFactory = _ => 20_000 }.Between(100, 10_000_000);
        var dimension = new Option<int>("--dim") { Description = "Components per vector (ArcFace models emit 512).", DefaultValueFactory = _ => 512 }.Between(2, 4096);
        var queries = new Option<int>("--queries") { Description = "Held-out ArcFace-like queries (of the same identities) the ANN evaluation searches with.", DefaultValueFactory = _ => 1000 }.Between(1, 100_000);
        var command = new Command("demo", "Run the main job on built-in data through gRPC: start a server on loopback, stream the bundled Fashion-MNIST gallery in (embedded by the bundled ArcFace model), " +
            "search by image, run the retrieval evaluation job (Recall@1/@5/@10, mAP@10), upsert an ArcFace-like vector set with held-out queries and run the ANN evaluation job (recall@10, QPS, latency per ef).")
        {
            output, count, dimension, queries,
        };
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            string db = Path.Combine(result.GetValue(output)!.FullName, "db");
            if (Directory.Exists(db))
                Directory.Delete(db, recursive: true);
            var writer = result.InvocationConfiguration.Output;
            await using var server = await VectorDbServer.StartAsync(new ServerOptions { DatabasePath = db, CreateDatabase = true, Listen = "127.0.0.1:0", ModelDirectory = BundledAssets.ModelFolder }, cancellation: cancellation);
            log.Line($"gRPC server on {server.Address} over {db}");
            using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = null });
            var vectors = new Protos.VectorDb.VectorDbClient(channel);
            var evaluation = new Protos.Evaluation.EvaluationClient(channel);

            await ImageDemo.IngestAndSearchAsync(vectors, log, writer, cancellation);
            var retrieval = await DemoJobs.RunAsync(evaluation, await evaluation.StartRetrievalEvaluationAsync(
                new RetrievalEvaluationRequest { GalleryCollection = ImageDemo.Collection, Topk = { 1, 5, 10 }, MapTopk = 10, Ef = ImageDemo.Ef }, cancellationToken: cancellation), log, cancellation);
            DemoResults.WriteRetrieval(retrieval, writer);

            var spec = new SyntheticFaceSpec(result.GetValue(count), result.GetValue(queries), result.GetValue(dimension), PerIdentity: 10, Cosine: 0.5, Seed: 42);
            await SyntheticDemo.UpsertAsync(vectors, spec, log, cancellation);
            var ann = await DemoJobs.RunAsync(evaluation, await evaluation.StartAnnEvaluationAsync(
                new AnnEvaluationRequest { Collection = SyntheticDemo.Collection, QueryCollection = SyntheticDemo.QueryCollection, Ef = { 10, 16, 32, 64, 128, 256 }, K = 10 }, cancellationToken: cancellation), log, cancellation);
            DemoResults.WriteAnn(ann, writer);

            writer.WriteLine("reports (JSON for machines, Markdown and PNG charts for people):");
            foreach (string file in retrieval.ReportFiles.Concat(ann.ReportFiles))
                writer.WriteLine($"  {file}");
            log.Line("shutting the server down");
            return 0;
        }));
        return command;
    }
}
