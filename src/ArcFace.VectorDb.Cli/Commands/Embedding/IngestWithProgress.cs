using ArcFace.VectorDb.Embedding.Ingest;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>Runs an ingest pipeline under a console progress bar (or plain progress lines) and returns its summary.</summary>
internal static class IngestWithProgress
{
    /// <summary>Ingests <paramref name="items"/> with <paramref name="pipeline"/>, showing images done out of all.</summary>
    public static Task<IngestSummary> RunAsync(IngestPipeline pipeline, IReadOnlyList<GalleryItem> items, string description, ProgressLog log, CancellationToken cancellation = default) =>
        RunAsync(pipeline, items.ToAsyncEnumerable(), items.Count, description, log, cancellation);

    /// <summary>Ingests <paramref name="items"/> as they come (looked up ahead, say), showing images done out of <paramref name="total"/>.</summary>
    public static async Task<IngestSummary> RunAsync(IngestPipeline pipeline, IAsyncEnumerable<GalleryItem> items, int total, string description, ProgressLog log, CancellationToken cancellation = default)
    {
        IngestSummary? summary = null;
        await ConsoleProgress.RunAsync(description, total, "images", log, async done =>
            summary = await pipeline.RunAsync(items, total, new DoneCount(done), cancellation));
        return summary!;
    }

    /// <summary>Feeds an ingest's progress (items done) to a console progress bar.</summary>
    private sealed class DoneCount(IProgress<int> done) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => done.Report(value.Done);
    }
}
