using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>Checks upserts against a collection before anything is written, and brings their vectors to stored form.</summary>
internal static class IncomingVectors
{
    /// <summary>The records to append: every one checked (op, dimension, finite, non-zero for cosine), vectors normalised for cosine.</summary>
    public static LogRecord[] Prepare(IReadOnlyList<LogRecord> records, CollectionSettings settings)
    {
        var prepared = new LogRecord[records.Count];
        for (int i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Operation != LogOperation.Upsert)
                throw new ArgumentException($"Collection '{settings.Name}', point {record.Id}: only upserts can be upserted (got {record.Operation}).", nameof(records));
            var vector = record.Vector.Span;
            try
            {
                VectorGuard.RequireFinite(vector, settings.Dimension);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Collection '{settings.Name}', point {record.Id}: {e.Message}", nameof(records), e);
            }
            if (!settings.Metric.NormalizesVectors())
            {
                prepared[i] = record;
                continue;
            }
            var unit = vector.ToArray();
            double norm = L2Normalization.Normalize(unit);
            if (!(norm > 0) || !double.IsFinite(norm))
                throw new ArgumentException($"Collection '{settings.Name}', point {record.Id}: a vector of norm {norm} has no direction to normalise (the collection is cosine).", nameof(records));
            prepared[i] = record with { Vector = unit };
        }
        return prepared;
    }
}
