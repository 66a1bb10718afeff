using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>
/// Gallery → collection: items → decode + preprocess (parallel workers) → batches → ONNX embedder (normalised) →
/// collection writes, joined by bounded channels so memory stays flat whatever the gallery size. Unusable files go to
/// the error report and the run goes on; cancellation stops after the write in progress, so everything written is
/// committed (with durable writes) and a resumed run skips it.
/// </summary>
public sealed class IngestPipeline(OnnxEmbedder embedder, VectorCollection collection, IngestOptions options, ErrorReport errors)
{
    private const int WriteQueueBatches = 16;
    private const int MaxRecordsPerWrite = 4096;

    private int received, written, skipped, failed;

    /// <summary>Ingests <paramref name="items"/>, reporting progress; returns the summary (also when cancelled).</summary>
    public Task<IngestSummary> RunAsync(IReadOnlyList<GalleryItem> items, IProgress<IngestProgress>? progress = null, CancellationToken cancellation = default) =>
        RunAsync(items.ToAsyncEnumerable(), items.Count, progress, cancellation);

    /// <summary>
    /// Ingests items as they arrive (from a network stream, say): a slow source is read only as fast as the pipeline
    /// drains it. Progress counts against <paramref name="total"/> when known, else against the items received so far.
    /// </summary>
    public async Task<IngestSummary> RunAsync(IAsyncEnumerable<GalleryItem> items, int? total, IProgress<IngestProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (collection.Settings.Dimension != embedder.Dimension)
            throw new ArgumentException($"The model makes {embedder.Dimension}-d embeddings but collection '{collection.Settings.Name}' holds {collection.Settings.Dimension}-d vectors.");
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        int depth = 2 * embedder.BatchSize;
        var toPrepare = Channel.CreateBounded<GalleryItem>(new BoundedChannelOptions(depth) { SingleWriter = true });
        var toEmbed = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(depth) { SingleReader = true });
        var toWrite = Channel.CreateBounded<LogRecord[]>(new BoundedChannelOptions(WriteQueueBatches) { SingleReader = true, SingleWriter = true });
        // Progress and summary count against the same total: the one given, else the items received so far.
        int Total() => total ?? Volatile.Read(ref received);
        void Report() => progress?.Report(new IngestProgress(Volatile.Read(ref written) + Volatile.Read(ref skipped) + Volatile.Read(ref failed), Total(), Volatile.Read(ref failed)));

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
            while (toEmbed.Reader.TryRead(out var prepared))
                ArrayPool<float>.Shared.Return(prepared.Tensor);
        }
        Report();
        return new IngestSummary(Total(), written, skipped, failed, clock.Elapsed.TotalSeconds, embedder.Provider, errors.WrittenPath, cancellation.IsCancellationRequested);
    }

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
            else if (options.Resume && collection.Contains(item.Id))
                Interlocked.Increment(ref skipped);
            else
                await output.WriteAsync(item, cancellation);
        }
    }

    private async Task PrepareAsync(ChannelReader<GalleryItem> input, ChannelWriter<Prepared> output, Action report, CancellationToken cancellation)
    {
        int length = embedder.Spec.TensorLength;
        await foreach (var item in input.ReadAllAsync(cancellation))
        {
            var tensor = ArrayPool<float>.Shared.Rent(length);
            string? problem;
            try
            {
                problem = ImagePreparation.Prepare(item, embedder.Spec, options.Limits, tensor.AsSpan(0, length));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problem = $"cannot be preprocessed: {e.GetType().Name}: {e.Message}";
            }
            if (problem is null)
            {
                await output.WriteAsync(new Prepared(item, tensor), cancellation);
                continue;
            }
            ArrayPool<float>.Shared.Return(tensor);
            Fail(item, problem, report);
        }
    }

    private async Task EmbedAsync(ChannelReader<Prepared> input, ChannelWriter<LogRecord[]> output, Action report, CancellationToken cancellation)
    {
        int length = embedder.Spec.TensorLength, dim = embedder.Dimension, capacity = embedder.BatchSize;
        var tensors = new float[capacity * length];
        var embeddings = new float[capacity * dim];
        var batch = new List<GalleryItem>(capacity);
        while (await input.WaitToReadAsync(cancellation))
        {
            batch.Clear();
            while (batch.Count < capacity && await TryNextAsync(input, batch, tensors, length, cancellation))
            {
            }
            embedder.Embed(tensors, batch.Count, embeddings);
            var records = new List<LogRecord>(batch.Count);
            for (int i = 0; i < batch.Count; i++)
            {
                var vector = embeddings.AsSpan(i * dim, dim);
                if (!OnnxEmbedder.IsUsable(vector))
                    Fail(batch[i], "the model produced a non-finite or zero embedding for this image", report);
                else
                    records.Add(LogRecord.Upsert(batch[i].Id, vector.ToArray(), batch[i].Label, batch[i].Key));
            }
            if (records.Count > 0)
                await output.WriteAsync([.. records], cancellation);
        }
    }

    /// <summary>Moves the next prepared tensor into the batch, waiting for one while the preparers are still running.</summary>
    private static async ValueTask<bool> TryNextAsync(ChannelReader<Prepared> input, List<GalleryItem> batch, float[] tensors, int length, CancellationToken cancellation)
    {
        if (!input.TryRead(out var prepared))
        {
            if (!await input.WaitToReadAsync(cancellation) || !input.TryRead(out prepared))
                return false;
        }
        prepared.Tensor.AsSpan(0, length).CopyTo(tensors.AsSpan(batch.Count * length));
        ArrayPool<float>.Shared.Return(prepared.Tensor);
        batch.Add(prepared.Item);
        return true;
    }

    /// <summary>
    /// Writes whatever batches have piled up as one durable write: while a commit is in flight the next batches queue,
    /// so the commit latency is paid once per write rather than once per batch and inference never waits on the disk.
    /// </summary>
    private async Task WriteAsync(ChannelReader<LogRecord[]> input, Action report, CancellationToken cancellation)
    {
        var pending = new List<LogRecord>();
        while (await input.WaitToReadAsync(cancellation))
        {
            pending.Clear();
            while (pending.Count < MaxRecordsPerWrite && input.TryRead(out var records))
                pending.AddRange(records);
            // A write is never cut short: what is appended is also applied and, when durable, committed.
            await collection.UpsertAsync(pending, options.Durability, CancellationToken.None);
            Interlocked.Add(ref written, pending.Count);
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

    private readonly record struct Prepared(GalleryItem Item, float[] Tensor);
}
