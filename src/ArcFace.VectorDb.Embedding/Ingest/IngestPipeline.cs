using System.Diagnostics;
using System.Threading.Channels;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Onnx;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>
/// Gallery → sink: items → decode + detect faces + align or preprocess (parallel workers) → batches → ONNX embedder (normalised) → sink writes,
/// joined by bounded channels so memory stays flat whatever the gallery size. Unusable files go to the error report and
/// the run goes on; cancellation stops after the write in progress, so everything the sink took is kept (a collection
/// sink commits it) and a resumed run skips it.
/// </summary>
public sealed class IngestPipeline(ImageEmbedder embedder, IEmbeddingSink sink, IngestOptions options, ErrorReport errors)
{
    private const int WriteQueueBatches = 16;
    private const int MaxPointsPerWrite = 4096;
    private const int MaxQueuedImages = 64;
    private const long QueueBytes = 16 << 20;

    private int received, imagesWritten, pointsWritten, skipped, failed, noFace;

    /// <summary>Ingests <paramref name="items"/>, reporting progress; returns the summary (also when cancelled).</summary>
    public Task<IngestSummary> RunAsync(IReadOnlyList<GalleryItem> items, IProgress<IngestProgress>? progress = null, CancellationToken cancellation = default) =>
        RunAsync(items.ToAsyncEnumerable(), items.Count, progress, cancellation);

    /// <summary>
    /// Ingests items as they arrive (from a network stream, say): a slow source is read only as fast as the pipeline
    /// drains it. Progress counts against <paramref name="total"/> when known, else against the items received so far.
    /// </summary>
    public async Task<IngestSummary> RunAsync(IAsyncEnumerable<GalleryItem> items, int? total, IProgress<IngestProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        int depth = QueueDepth(embedder.Model);
        var toPrepare = Channel.CreateBounded<GalleryItem>(new BoundedChannelOptions(depth) { SingleWriter = true });
        var toEmbed = Channel.CreateBounded<Crop>(new BoundedChannelOptions(depth) { SingleReader = true });
        var toWrite = Channel.CreateBounded<Written>(new BoundedChannelOptions(WriteQueueBatches) { SingleReader = true, SingleWriter = true });
        // Progress and summary count against the same total: the one given, else the items received so far.
        int Total() => total ?? Volatile.Read(ref received);
        void Report() => progress?.Report(new IngestProgress(Volatile.Read(ref imagesWritten) + Volatile.Read(ref skipped) + Volatile.Read(ref failed), Total(), Volatile.Read(ref failed)));

        var stages = new List<Task>
        {
            Stage(() => Enumerate(items, toPrepare.Writer, Report, stop.Token), e => toPrepare.Writer.TryComplete(e), stop),
            Stage(() => Task.WhenAll(Enumerable.Range(0, options.WorkerCount).Select(_ => Task.Run(() => PrepareAsync(toPrepare.Reader, toEmbed.Writer, Report, stop.Token)))), e => toEmbed.Writer.TryComplete(e), stop),
            Stage(() => EmbedAsync(toEmbed.Reader, toWrite.Writer, Report, stop.Token), e => toWrite.Writer.TryComplete(e), stop),
            Stage(() => WriteAsync(toWrite.Reader, Report, stop.Token), _ => { }, stop),
        };
        try
        {
            await Task.WhenAll(stages);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        finally
        {
            while (toEmbed.Reader.TryRead(out var crop))
                System.Buffers.ArrayPool<float>.Shared.Return(crop.Prepared.Tensor);
        }
        Report();
        return new IngestSummary(Total(), imagesWritten, skipped, failed, clock.Elapsed.TotalSeconds, embedder.Model.Provider, errors.WrittenPath, cancellation.IsCancellationRequested)
        {
            Points = pointsWritten, NoFace = noFace, DetectsFaces = embedder.Faces is not null,
        };
    }

    /// <summary>
    /// Images queued between stages: two batches, and for small tensors (a model with a fixed batch of 1, say) up to
    /// <see cref="QueueBytes"/> of them, so that detection can run ahead of a slower recogniser.
    /// </summary>
    private static int QueueDepth(OnnxEmbedder model) =>
        Math.Max(2 * model.BatchSize, (int)Math.Min(MaxQueuedImages, QueueBytes / (sizeof(float) * (long)model.Spec.TensorLength)));

    /// <summary>Runs one stage on the thread pool; completes its output channel when it ends, and stops every stage when it fails.</summary>
    private static async Task Stage(Func<Task> body, Action<Exception?> completeOutput, CancellationTokenSource stop)
    {
        try
        {
            await Task.Run(body);
            completeOutput(null);
        }
        catch (Exception e)
        {
            completeOutput(e);
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task Enumerate(IAsyncEnumerable<GalleryItem> items, ChannelWriter<GalleryItem> output, Action report, CancellationToken cancellation)
    {
        await foreach (var item in items.WithCancellation(cancellation))
        {
            cancellation.ThrowIfCancellationRequested();
            Interlocked.Increment(ref received);
            if (item.Problem is { } problem)
                Fail(item, problem, report);
            else if (options.Resume && embedder.IsIn(sink, item))
                Interlocked.Increment(ref skipped);
            else
                await output.WriteAsync(item, cancellation);
        }
    }

    /// <summary>Prepares the items waiting, up to the embedder's batch at a time (photos share one detector run), and queues their crops.</summary>
    private async Task PrepareAsync(ChannelReader<GalleryItem> input, ChannelWriter<Crop> output, Action report, CancellationToken cancellation)
    {
        var items = new List<GalleryItem>(embedder.PrepareBatch);
        while (await input.WaitToReadAsync(cancellation))
        {
            items.Clear();
            while (items.Count < embedder.PrepareBatch && input.TryRead(out var item))
                items.Add(item);
            foreach (var prepared in embedder.Prepare(items))
            {
                if (prepared.Problem is { } problem)
                {
                    if (problem.StartsWith(ImageEmbedder.NoFace, StringComparison.Ordinal))
                        Interlocked.Increment(ref noFace);
                    Fail(prepared.Item, problem, report);
                    continue;
                }
                var image = new ImageState(prepared.Crops.Count);
                for (int i = 0; i < prepared.Crops.Count; i++)
                    await output.WriteAsync(new Crop(prepared.Item, prepared.Crops[i], image, i == prepared.Crops.Count - 1), cancellation);
            }
        }
    }

    private async Task EmbedAsync(ChannelReader<Crop> input, ChannelWriter<Written> output, Action report, CancellationToken cancellation)
    {
        var model = embedder.Model;
        int length = model.Spec.TensorLength, dim = model.Dimension, capacity = model.BatchSize;
        var tensors = new float[capacity * length];
        var embeddings = new float[capacity * dim];
        var batch = new List<Crop>(capacity);
        while (await input.WaitToReadAsync(cancellation))
        {
            batch.Clear();
            while (batch.Count < capacity && await TryNextAsync(input, batch, tensors, length, cancellation))
            {
            }
            model.Embed(tensors, batch.Count, embeddings);
            var points = new List<EmbeddedPoint>(batch.Count);
            int completed = 0;
            for (int i = 0; i < batch.Count; i++)
            {
                var crop = batch[i];
                var vector = embeddings.AsSpan(i * dim, dim);
                if (OnnxEmbedder.IsUsable(vector))
                    points.Add(ImageEmbedder.Point(crop.Item, crop.Prepared, vector));
                else
                    crop.Image.Unusable++;
                if (!crop.Last)
                    continue;
                // An image is written when at least one of its crops is; one whose every crop failed is unusable.
                if (crop.Image.Unusable == crop.Image.Crops)
                    Fail(crop.Item, ImageEmbedder.UnusableEmbedding, report);
                else
                    completed++;
            }
            if (points.Count > 0 || completed > 0)
                await output.WriteAsync(new Written(points, completed), cancellation);
        }
    }

    /// <summary>Moves the next prepared tensor into the batch, waiting for one while the preparers are still running.</summary>
    private static async ValueTask<bool> TryNextAsync(ChannelReader<Crop> input, List<Crop> batch, float[] tensors, int length, CancellationToken cancellation)
    {
        if (!input.TryRead(out var crop))
        {
            if (!await input.WaitToReadAsync(cancellation) || !input.TryRead(out crop))
                return false;
        }
        crop.Prepared.Tensor.AsSpan(0, length).CopyTo(tensors.AsSpan(batch.Count * length));
        System.Buffers.ArrayPool<float>.Shared.Return(crop.Prepared.Tensor);
        batch.Add(crop);
        return true;
    }

    /// <summary>
    /// Writes whatever batches have piled up as one sink write: while a write is in flight the next batches queue, so a
    /// commit's latency is paid once per write rather than once per batch and inference never waits on the disk.
    /// </summary>
    private async Task WriteAsync(ChannelReader<Written> input, Action report, CancellationToken cancellation)
    {
        var pending = new List<EmbeddedPoint>();
        while (await input.WaitToReadAsync(cancellation))
        {
            pending.Clear();
            int images = 0;
            while (pending.Count < MaxPointsPerWrite && input.TryRead(out var written))
            {
                pending.AddRange(written.Points);
                images += written.CompletedImages;
            }
            // A write is never cut short: what the sink takes, it keeps.
            if (pending.Count > 0)
                await sink.WriteAsync(pending, CancellationToken.None);
            Interlocked.Add(ref pointsWritten, pending.Count);
            Interlocked.Add(ref imagesWritten, images);
            report();
            cancellation.ThrowIfCancellationRequested();
        }
    }

    private void Fail(GalleryItem item, string reason, Action report)
    {
        errors.Add(item.Path, reason);
        Interlocked.Increment(ref failed);
        report();
    }

    /// <summary>How many crops an image gave and how many the model could not embed (touched by the embedding stage only).</summary>
    private sealed class ImageState(int crops)
    {
        public int Crops { get; } = crops;

        public int Unusable { get; set; }
    }

    /// <summary>One crop on its way to the model; <see cref="Last"/> marks its image's last.</summary>
    private readonly record struct Crop(GalleryItem Item, PreparedCrop Prepared, ImageState Image, bool Last);

    /// <summary>Points bound for the sink and the images they complete.</summary>
    private readonly record struct Written(List<EmbeddedPoint> Points, int CompletedImages);
}
