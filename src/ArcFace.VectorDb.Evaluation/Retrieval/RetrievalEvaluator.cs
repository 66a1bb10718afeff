using ArcFace.VectorDb.Core.Flat;

namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>
/// Ranks the gallery for every query (exact search, and the HNSW index beside it when asked) and scores the rankings
/// with <see cref="RetrievalMetrics"/>. Rankings hold gallery row indices; a slot left empty holds -1.
/// </summary>
public static class RetrievalEvaluator
{
    private const int QueryBlock = 256;

    /// <summary>Evaluates <paramref name="queries"/> against <paramref name="gallery"/> (the same object for leave-one-out), its K fitted by <see cref="RankCutoffFit"/>.</summary>
    public static RetrievalReport Evaluate(string dataset, LabeledRows queries, LabeledRows gallery, RetrievalSettings settings, GalleryRanker? hnsw = null,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (settings.LeaveOneOut && !ReferenceEquals(queries, gallery))
            throw new ArgumentException("Leave-one-out evaluates a gallery against itself: pass the same rows as queries and gallery.");
        if (queries.Dimension != gallery.Dimension)
            throw new ArgumentException($"The queries are {queries.Dimension}-d but the gallery is {gallery.Dimension}-d.");
        if (settings.HnswEf is not null && hnsw is null)
            throw new ArgumentException("An HNSW ef was given without an index to search.");
        if (queries.Count == 0)
            throw new ArgumentException("There are no queries.");
        int galleryCount = gallery.Count - (settings.LeaveOneOut ? 1 : 0);
        (settings, var notes) = RankCutoffFit.Apply(settings, galleryCount);

        var vocabulary = new LabelVocabulary();
        var galleryLabels = LabelSets.FromStrings(gallery.Labels, vocabulary);
        var queryLabels = settings.LeaveOneOut ? galleryLabels : LabelSets.FromStrings(queries.Labels, vocabulary);
        int[] relevant = RelevantCounts.Of(queryLabels, galleryLabels);
        if (settings.LeaveOneOut)
        {
            for (int q = 0; q < relevant.Length; q++)
                relevant[q] -= queryLabels[q].IsEmpty ? 0 : 1;
        }
        RetrievalScores Score(int[] ranked) =>
            RetrievalMetrics.Compute(ranked, settings.Depth, queryLabels, galleryLabels, settings.RecallTopK, settings.MapTopK, settings.ApMode, relevant);

        var exact = Score(ExactRanking(queries, gallery, settings, progress, cancellation));
        HnswRetrievalScores? approximate = null;
        if (settings.HnswEf is int ef)
        {
            var scores = Score(HnswRanking(queries, gallery, settings, hnsw!, ef, progress, cancellation));
            approximate = new HnswRetrievalScores(ef, scores.RecallAt, scores.MapAt, scores.Rank1);
        }
        return new RetrievalReport
        {
            Dataset = dataset,
            Queries = queries.Count,
            Gallery = galleryCount,
            QueriesWithoutRelevant = relevant.Count(r => r == 0),
            ApMode = settings.ApMode == AveragePrecisionMode.Ir ? "ir" : "integrate",
            RecallAt = exact.RecallAt,
            MapAt = exact.MapAt,
            Rank1 = exact.Rank1,
            Hnsw = approximate,
            Notes = notes,
        };
    }

    private static int[] ExactRanking(LabeledRows queries, LabeledRows gallery, RetrievalSettings settings, IProgress<EvaluationProgress>? progress, CancellationToken cancellation)
    {
        var positions = new ulong[gallery.Count];
        for (int i = 0; i < positions.Length; i++)
            positions[i] = (ulong)i;
        var index = FlatIndex.Over(gallery.Rows, positions, gallery.Dimension, settings.Metric);
        int depth = settings.Depth, width = depth + (settings.LeaveOneOut ? 1 : 0);
        var ranked = new int[queries.Count * depth];
        for (int first = 0; first < queries.Count; first += QueryBlock)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = Math.Min(QueryBlock, queries.Count - first);
            var hits = index.SearchBatch(queries.Rows.AsSpan(first * queries.Dimension, count * queries.Dimension), width, settings.MaxThreads);
            for (int i = 0; i < count; i++)
            {
                int q = first + i;
                var row = ranked.AsSpan(q * depth, depth);
                int filled = 0;
                foreach (var hit in hits[i])
                {
                    if (filled < depth && !(settings.LeaveOneOut && (int)hit.Id == q))
                        row[filled++] = (int)hit.Id;
                }
                row[filled..].Fill(-1);
            }
            progress?.Report(new EvaluationProgress("exact search", first + count, queries.Count));
        }
        return ranked;
    }

    private static int[] HnswRanking(LabeledRows queries, LabeledRows gallery, RetrievalSettings settings, GalleryRanker hnsw, int ef, IProgress<EvaluationProgress>? progress, CancellationToken cancellation)
    {
        var rowOf = new Dictionary<ulong, int>(gallery.Count);
        for (int i = 0; i < gallery.Count; i++)
            rowOf[gallery.Ids[i]] = i;
        int depth = settings.Depth, width = depth + (settings.LeaveOneOut ? 1 : 0);
        var ranked = new int[queries.Count * depth];
        var ids = new ulong[width];
        string stage = $"HNSW search, ef={ef}";
        for (int q = 0; q < queries.Count; q++)
        {
            if (q % QueryBlock == 0)
            {
                cancellation.ThrowIfCancellationRequested();
                progress?.Report(new EvaluationProgress(stage, q, queries.Count));
            }
            int found = hnsw(queries.Row(q), width, Math.Max(ef, width), ids);
            var row = ranked.AsSpan(q * depth, depth);
            int filled = 0;
            for (int i = 0; i < found && filled < depth; i++)
            {
                if (rowOf.TryGetValue(ids[i], out int g) && !(settings.LeaveOneOut && g == q))
                    row[filled++] = g;
            }
            row[filled..].Fill(-1);
        }
        progress?.Report(new EvaluationProgress(stage, queries.Count, queries.Count));
        return ranked;
    }
}
