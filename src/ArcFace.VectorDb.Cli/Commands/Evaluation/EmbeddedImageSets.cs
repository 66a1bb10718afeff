using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>
/// Image sets embedded for an evaluation only: ingested through the same pipeline as `arcvdb ingest` into a scratch
/// database that is deleted afterwards. Unusable images are left out of the evaluation and listed in an error report that is kept.
/// </summary>
internal sealed class EmbeddedImageSets : IAsyncDisposable
{
    /// <summary>Unusable images named, with their reasons, in the warning; the error report lists them all.</summary>
    private const int ReasonsShown = 3;

    private readonly string folder;
    private readonly VectorDatabase database;

    private EmbeddedImageSets(string folder)
    {
        this.folder = folder;
        database = VectorDatabase.Create(Path.Combine(folder, "db"));
    }

    /// <summary>A scratch database in a new temporary folder.</summary>
    public static EmbeddedImageSets Create() => new(Directory.CreateTempSubdirectory("arcvdb-eval-").FullName);

    /// <summary>Embeds <paramref name="items"/> into a scratch collection named <paramref name="name"/>.</summary>
    public async Task<VectorCollection> EmbedAsync(string name, IReadOnlyList<GalleryItem> items, OnnxEmbedder embedder, ProgressLog log, CancellationToken cancellation)
    {
        var collection = await IngestTarget.OpenAsync(database, name, embedder);
        string reportPath = Path.Combine(Path.GetTempPath(), $"arcvdb-eval-{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.errors.jsonl");
        using var report = new ErrorReport(reportPath, ReasonsShown);
        var options = new IngestOptions { Durability = Durability.FireAndForget };
        var summary = await IngestWithProgress.RunAsync(new IngestPipeline(embedder, collection, options, report), items, $"embed {name} images", log, cancellation);
        bool kept = report.Close();
        cancellation.ThrowIfCancellationRequested();
        if (!kept)
            return collection;
        string reasons = string.Join("; ", report.Kept.Select(error => $"{error.Path}: {error.Reason}"));
        string more = summary.Failed > report.Kept.Count ? $"; and {summary.Failed - report.Kept.Count} more" : "";
        log.Line($"warning: {summary.Failed} of the {items.Count} {name} images cannot be used and are left out of the evaluation: {reasons}{more}; see {reportPath}");
        return collection;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
