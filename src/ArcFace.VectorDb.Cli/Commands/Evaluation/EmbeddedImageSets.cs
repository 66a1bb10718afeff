using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>
/// Image sets embedded for an evaluation only: through the same pipeline as `arcvdb ingest`, into memory. Unusable
/// images are left out of the evaluation and listed in an error report that is kept.
/// </summary>
internal static class EmbeddedImageSets
{
    /// <summary>Unusable images named, with their reasons, in the warning; the error report lists them all.</summary>
    private const int ReasonsShown = 3;

    /// <summary>Embeds <paramref name="items"/> (the set called <paramref name="name"/> in messages): the points in the order the pipeline wrote them.</summary>
    public static async Task<IReadOnlyList<EmbeddedPoint>> EmbedAsync(string name, IReadOnlyList<GalleryItem> items, ImageEmbedder embedder, ProgressLog log, CancellationToken cancellation)
    {
        var sink = new EmbeddingList();
        string reportPath = Path.Combine(Path.GetTempPath(), $"arcvdb-eval-{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.errors.jsonl");
        using var report = new ErrorReport(reportPath, ReasonsShown);
        var summary = await IngestWithProgress.RunAsync(new IngestPipeline(embedder, sink, new IngestOptions(), report), items, $"embed {name} images", log, cancellation);
        bool kept = report.Close();
        cancellation.ThrowIfCancellationRequested();
        if (kept)
        {
            string reasons = string.Join("; ", report.Kept.Select(error => $"{error.Path}: {error.Reason}"));
            string more = summary.Failed > report.Kept.Count ? $"; and {summary.Failed - report.Kept.Count} more" : "";
            log.Line($"warning: {summary.Failed} of the {items.Count} {name} images cannot be used and are left out of the evaluation: {reasons}{more}; see {reportPath}");
        }
        return sink.Points;
    }

    /// <summary>The points as labelled rows for the retrieval evaluation (a point's label is its one label; none when empty).</summary>
    public static LabeledRows Rows(IReadOnlyList<EmbeddedPoint> points, int dimension)
    {
        var rows = new float[points.Count * dimension];
        for (int i = 0; i < points.Count; i++)
            points[i].Vector.CopyTo(rows.AsSpan(i * dimension, dimension));
        return new LabeledRows(rows, dimension, [.. points.Select(point => point.Label.Length == 0 ? Array.Empty<string>() : [point.Label])], [.. points.Select(point => point.Id)]);
    }
}
