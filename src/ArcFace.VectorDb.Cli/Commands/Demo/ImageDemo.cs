using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Cli.Commands.Serving;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Protos;
using Google.Protobuf;
using Grpc.Core;

namespace ArcFace.VectorDb.Cli.Commands.Demo;

/// <summary>The image part of the demo: a collection made for the bundled model, the bundled gallery streamed in through IngestImages, searches by image.</summary>
internal static class ImageDemo
{
    /// <summary>The collection of the bundled gallery.</summary>
    public const string Collection = "fashion";

    /// <summary>ef of the demo's searches.</summary>
    public const int Ef = 64;

    /// <summary>Creates the collection, ingests the gallery (with a progress bar fed by the server) and prints three searches by image.</summary>
    public static async Task IngestAndSearchAsync(Protos.VectorDb.VectorDbClient client, ProgressLog log, TextWriter output, CancellationToken cancellation)
    {
        string model = Path.GetFileName(BundledAssets.Model);
        await client.CreateCollectionAsync(new CreateCollectionRequest { Name = Collection, Model = model }, cancellationToken: cancellation);
        var items = FolderGallery.Read(BundledAssets.Gallery);
        IngestImagesSummary? summary = null;
        await ConsoleProgress.RunAsync($"ingest the bundled gallery through gRPC, embedded by {model}", items.Count, "images", log, async done =>
        {
            using var call = client.IngestImages(cancellationToken: cancellation);
            var responses = Task.Run(async () =>
            {
                await foreach (var response in call.ResponseStream.ReadAllAsync(cancellation))
                {
                    if (response.Progress is { } progress)
                        done.Report((int)progress.Done);
                    summary = response.Summary ?? summary;
                }
            }, cancellation);
            for (int i = 0; i < items.Count; i++)
            {
                await call.RequestStream.WriteOrServerStatusAsync(new IngestImagesRequest
                {
                    Collection = i == 0 ? Collection : "", Name = items[i].Key, Label = items[i].Label,
                    Image = ByteString.CopyFrom(await File.ReadAllBytesAsync(items[i].Path, cancellation)),
                }, responses, cancellation);
            }
            await call.RequestStream.CompleteAsync();
            await responses;
        });
        if (summary is null)
            throw new InvalidOperationException("The server ended the ingest without a summary.");
        output.WriteLine($"ingested {summary.Ingested} of {summary.Received} images ({summary.Failed} unusable) in {summary.Seconds:F1} s on {summary.Provider}");

        foreach (string label in new[] { "Sneaker", "Bag", "Dress" })
        {
            var query = items.First(i => i.Label == label);
            var hits = await client.SearchByImageAsync(new SearchByImageRequest
            {
                Collection = Collection, Image = ByteString.CopyFrom(await File.ReadAllBytesAsync(query.Path, cancellation)), K = 5, Ef = Ef,
            }, cancellationToken: cancellation);
            HitTable.Write(hits, $"search by image {query.Key} (k=5, ef={Ef})", output);
        }
    }
}
