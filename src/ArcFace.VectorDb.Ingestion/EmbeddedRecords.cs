using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Ingestion;

/// <summary>What an ingest's points become in a collection, wherever it lives: one upsert record each, and the thumbnails of those that have one.</summary>
public static class EmbeddedRecords
{
    /// <summary>The upsert records of <paramref name="points"/>, in order, and their thumbnails.</summary>
    public static (LogRecord[] Records, List<(ulong Id, byte[] Image)> Thumbnails) Of(IReadOnlyList<EmbeddedPoint> points)
    {
        var records = new LogRecord[points.Count];
        var thumbnails = new List<(ulong Id, byte[] Image)>();
        for (int i = 0; i < records.Length; i++)
        {
            var point = points[i];
            records[i] = LogRecord.Upsert(point.Id, point.Vector, point.Label, point.Source, point.Attributes);
            if (point.Thumbnail is { } thumbnail)
                thumbnails.Add((point.Id, thumbnail));
        }
        return (records, thumbnails);
    }
}
