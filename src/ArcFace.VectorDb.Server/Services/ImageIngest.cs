using System.Runtime.CompilerServices;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>Where an IngestImages stream writes: the collection's settings (its model), the sink that keeps the points, and the folder whose reports/ takes the error report.</summary>
internal sealed record IngestDestination(CollectionSettings Settings, IEmbeddingSink Sink, string ReportRoot);

/// <summary>
/// IngestImages on any backend, through the same pipeline and rules as `arcvdb ingest`: the images streamed in are
/// embedded here, handed to the destination's sink, progress and a summary streamed out, unusable images listed in an
/// error report.
/// </summary>
internal sealed class ImageIngest(CollectionEmbedders embedders, ServerMetrics metrics)
{
    /// <summary>Unusable images listed in the summary; the error report file holds them all.</summary>
    public const int SummaryErrorLimit = 1000;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs one IngestImages call; <paramref name="open"/> finds the collection the first message names (NOT_FOUND when there is none).</summary>
    public async Task RunAsync(IAsyncStreamReader<IngestImagesRequest> requestStream, IServerStreamWriter<IngestImagesResponse> responseStream, ServerCallContext context,
        Func<string, IngestDestination> open)
    {
        if (!await requestStream.MoveNext(context.CancellationToken))
            throw RequestChecks.Invalid("IngestImages received no images.");
        var first = requestStream.Current;
        if (first.Collection.Length == 0)
            throw RequestChecks.Invalid("The first IngestImages message must name the collection.");
        var destination = open(first.Collection);
        string name = destination.Settings.Name;
        var embedder = embedders.For(destination.Settings).WithThumbnails(first.SkipThumbnails ? null : new ThumbnailMaker());
        // The stream's own token keeps reports apart when several streams start within one second.
        string reportPath = DatabaseReports.PathFor(destination.ReportRoot, $"ingest-{name}-{Guid.NewGuid().ToString("N")[..8]}", "errors.jsonl");
        using var report = new ErrorReport(reportPath, SummaryErrorLimit);
        var pipeline = new IngestPipeline(embedder, destination.Sink, new IngestOptions { Resume = first.Resume }, report);

        var latest = new LatestProgress();
        var run = pipeline.RunAsync(Items(first, requestStream, name, context.CancellationToken), null, latest, context.CancellationToken);
        // The pipeline is always awaited to its end (a cancelled call stops it after the write in progress), so nothing
        // outlives the call; progress goes out only while the client is still there.
        using (var ticks = new PeriodicTimer(ProgressInterval))
        {
            while (await Task.WhenAny(run, ticks.WaitForNextTickAsync().AsTask()) != run)
            {
                if (!context.CancellationToken.IsCancellationRequested && latest.TakeChanged() is { } progress)
                    await responseStream.WriteAsync(new IngestImagesResponse { Progress = progress }, CancellationToken.None);
            }
        }
        var summary = await run;
        metrics.ImagesIngested(name, summary.Ingested);
        context.CancellationToken.ThrowIfCancellationRequested();
        // The last progress message always gives the final counts, however fast the run was against the ticks.
        if (latest.TakeChanged() is { } final)
            await responseStream.WriteAsync(new IngestImagesResponse { Progress = final }, context.CancellationToken);
        var done = new IngestImagesSummary
        {
            Received = (ulong)summary.Total, Ingested = (ulong)summary.Ingested, Skipped = (ulong)summary.Skipped, Failed = (ulong)summary.Failed,
            Seconds = summary.Seconds, Provider = summary.Provider, Points = (ulong)summary.Points,
        };
        foreach (var (image, reason) in report.Kept)
            done.Errors.Add(new IngestError { Name = image, Reason = reason });
        report.Close();
        await responseStream.WriteAsync(new IngestImagesResponse { Summary = done }, context.CancellationToken);
    }

    /// <summary>The request stream as gallery items; every message after the first may leave the collection empty or repeat it.</summary>
    private static async IAsyncEnumerable<GalleryItem> Items(IngestImagesRequest first, IAsyncStreamReader<IngestImagesRequest> rest, string collection, [EnumeratorCancellation] CancellationToken cancellation)
    {
        yield return Item(first);
        while (await rest.MoveNext(cancellation))
        {
            var request = rest.Current;
            if (request.Collection.Length > 0 && request.Collection != collection)
                throw RequestChecks.Invalid($"One IngestImages call writes one collection: '{collection}', not '{request.Collection}'.");
            yield return Item(request);
        }
    }

    private static GalleryItem Item(IngestImagesRequest request)
    {
        string key = request.Name.Length > 0 ? request.Name : request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ulong id = request.Id != 0 ? request.Id : StableIds.ForKey(request.Name);
        string? problem = request.Name.Length == 0 && request.Id == 0 ? "the image has neither a name nor an id" : null;
        return new GalleryItem(key, key, request.Label, id, Problem: problem, Content: problem is null ? request.Image.ToByteArray() : null);
    }

    /// <summary>The newest progress of the pipeline, handed to the response loop only when it moved.</summary>
    private sealed class LatestProgress : IProgress<IngestProgress>
    {
        private readonly Lock gate = new();
        private IngestProgress current, sent;

        public void Report(IngestProgress value)
        {
            lock (gate)
                current = value;
        }

        public IngestImagesProgress? TakeChanged()
        {
            lock (gate)
            {
                if (current == sent)
                    return null;
                sent = current;
                return new IngestImagesProgress { Received = (ulong)current.Total, Done = (ulong)current.Done, Failed = (ulong)current.Failed };
            }
        }
    }
}
