using System.Diagnostics;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Protos;
using Google.Protobuf;
using Grpc.Core;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>
/// `arcvdb ingest --server` (--embed server): streams the gallery's image files, one at a time, to the server's
/// IngestImages call, which embeds them with the collection's model, and shows the server's progress. Files that cannot
/// be read here join the server's unusable ones in the local error report. Ctrl-C stops sending and ends the stream: the
/// server finishes what it received, commits it and answers with its summary.
/// </summary>
internal sealed class ServerEmbeddedIngest
{
    /// <summary>The largest image file sent (the server takes messages of up to 64 MiB).</summary>
    private const long MaxImageBytes = 32L << 20;

    private readonly ServerIngestRun run;
    private readonly IProgress<int> done;
    private int unreadable, serverDone;

    private ServerEmbeddedIngest(ServerIngestRun run, IProgress<int> done) => (this.run, this.done) = (run, done);

    /// <summary>Runs the ingest under a progress bar; <paramref name="thumbnails"/> asks the server to keep one per point.</summary>
    public static async Task<IngestSummary> RunAsync(ServerIngestRun run, bool thumbnails, ProgressLog log, CancellationToken cancellation)
    {
        if (run.Items.FirstOrDefault(item => item.Landmarks is not null) is { } marked)
            throw new ArgumentException($"{marked.Key}: the manifest gives landmarks, which IngestImages cannot carry; with --embed local they align the faces here.");
        var clock = Stopwatch.StartNew();
        int unreadable = 0;
        IngestImagesSummary? answer = null;
        await ConsoleProgress.RunAsync(run.Description, run.Items.Count, "images", log, async done =>
        {
            var stream = new ServerEmbeddedIngest(run, done);
            answer = await stream.SendAsync(thumbnails, cancellation);
            unreadable = stream.unreadable;
        });
        answer ??= new IngestImagesSummary { Provider = run.Collection.Provider };
        var paths = PathsByKey(run.Items, answer.Errors);
        foreach (var error in answer.Errors)
            run.Report.Add(paths.GetValueOrDefault(error.Name, error.Name), error.Reason);
        if (answer.Failed > (ulong)answer.Errors.Count)
            log.Line($"note: the server listed {answer.Errors.Count} of its {answer.Failed} unusable images; its own error report, under its database's reports folder, lists them all.");
        return new IngestSummary(run.Items.Count, (int)answer.Ingested, (int)answer.Skipped, unreadable + (int)answer.Failed, clock.Elapsed.TotalSeconds,
            $"the server's {answer.Provider}", run.Report.WrittenPath, cancellation.IsCancellationRequested)
        {
            Points = (int)answer.Points, DetectsFaces = run.Collection.Detector.Length > 0,
            NoFace = answer.Errors.Count(error => error.Reason.StartsWith(ImageEmbedder.NoFace, StringComparison.Ordinal)),
        };
    }

    /// <summary>Sends the images until all are sent or Ctrl-C, then ends the stream and returns the server's summary; null when no image could be sent.</summary>
    private async Task<IngestImagesSummary?> SendAsync(bool thumbnails, CancellationToken stop)
    {
        AsyncDuplexStreamingCall<IngestImagesRequest, IngestImagesResponse>? call = null;
        Task<IngestImagesSummary>? answer = null;
        try
        {
            foreach (var item in run.Items)
            {
                if (stop.IsCancellationRequested)
                    break;
                if (await ReadAsync(item) is not { } image)
                    continue;
                var request = new IngestImagesRequest { Image = image, Name = item.Key, Label = item.Label, Id = item.Id };
                if (call is null)
                {
                    // Not cancelled with Ctrl-C: the stream is ended instead, so that the server commits what it received and answers.
                    call = run.Server.VectorDb.IngestImages(run.Server.Headers, cancellationToken: CancellationToken.None);
                    answer = ReceiveAsync(call.ResponseStream);
                    (request.Collection, request.Resume, request.SkipThumbnails) = (run.Collection.Name, run.Resume, !thumbnails);
                }
                if (!await Sent(() => call.RequestStream.WriteAsync(request, CancellationToken.None)))
                    break;
            }
            if (call is null)
                return null;
            await Sent(call.RequestStream.CompleteAsync);
            return await answer!;
        }
        finally
        {
            call?.Dispose();
        }
    }

    /// <summary>False when the server has ended the call (its answer then says why).</summary>
    private static async Task<bool> Sent(Func<Task> send)
    {
        try
        {
            await send();
            return true;
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Follows the server's progress until its summary comes.</summary>
    private async Task<IngestImagesSummary> ReceiveAsync(IAsyncStreamReader<IngestImagesResponse> responses)
    {
        await foreach (var response in responses.ReadAllAsync())
        {
            if (response.Summary is { } summary)
                return summary;
            Volatile.Write(ref serverDone, (int)response.Progress.Done);
            Report();
        }
        throw new InvalidDataException("The server ended the ingest without a summary.");
    }

    /// <summary>The item's file, or null after reporting why it cannot be sent.</summary>
    private async Task<ByteString?> ReadAsync(GalleryItem item)
    {
        string? problem = item.Problem;
        if (problem is null)
        {
            try
            {
                long length = new FileInfo(item.Path).Length;
                if (length <= MaxImageBytes)
                    return UnsafeByteOperations.UnsafeWrap(await File.ReadAllBytesAsync(item.Path));
                problem = $"too large to send: {length} bytes (at most {MaxImageBytes})";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = e.Message;
            }
        }
        run.Report.Add(item.Path, problem);
        Interlocked.Increment(ref unreadable);
        Report();
        return null;
    }

    private void Report() => done.Report(Volatile.Read(ref unreadable) + Volatile.Read(ref serverDone));

    /// <summary>The local path of each image the server named (by its key) as unusable.</summary>
    private static Dictionary<string, string> PathsByKey(IReadOnlyList<GalleryItem> items, IEnumerable<IngestError> errors)
    {
        var named = errors.Select(error => error.Name).ToHashSet();
        var paths = new Dictionary<string, string>();
        foreach (var item in items)
        {
            if (named.Contains(item.Key))
                paths.TryAdd(item.Key, item.Path);
        }
        return paths;
    }
}
