namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>
/// Ranks the gallery for every query (exact search, and the HNSW index beside it when asked) and scores the rankings
/// with a <see cref="RetrievalTally"/>, a block of queries at a time: neither the queries nor a ranking of all of them
/// need be in memory. Rankings hold gallery indices; a slot left empty holds -1.
/// </summary>
public static class RetrievalEvaluator
{
    /// <summary>Evaluates <paramref name="queries"/> against <paramref name="gallery"/> (the same object for leave-one-out), its K fitted by <see cref="RankCutoffFit"/>.</summary>
    public static RetrievalReport Evaluate(string dataset, LabeledRows queries, LabeledRows gallery, RetrievalSettings settings, GalleryRanker? hnsw = null,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (settings.LeaveOneOut && !ReferenceEquals(queries, gallery))
            throw new ArgumentException("Leave-one-out evaluates a gallery against itself: pass the same rows as queries and gallery.");
        return Evaluate(dataset, new LabeledRowsQueries(queries), new LabeledRowsGallery(gallery, settings.Metric), settings, hnsw, progress, cancellation);
    }

    /// <summary>
    /// As above, over any gallery and queries; for leave-one-out the queries are the gallery's items, each with its
    /// gallery index as its query index.
    /// </summary>
    public static RetrievalReport Evaluate(string dataset, IRetrievalQueries queries, IRetrievalGallery gallery, RetrievalSettings settings, GalleryRanker? hnsw = null,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellation = default)
    {
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
        var pass = new Pass(queries, galleryLabels, vocabulary, settings);
        var exact = pass.Score((block, width, ranked) => gallery.RankExact(block.Vectors.Span, width, settings.MaxThreads, ranked),
            "exact search", progress, cancellation);
        HnswRetrievalScores? approximate = null;
        if (settings.HnswEf is int ef)
        {
            var ids = new ulong[pass.Width];
            void Rank(RetrievalQueryBlock block, int width, Span<int> ranked)
            {
                for (int i = 0; i < block.Indices.Length; i++)
                {
                    int found = hnsw!(block.Vectors.Span.Slice(i * queries.Dimension, queries.Dimension), width, Math.Max(ef, width), ids);
                    var row = ranked.Slice(i * width, width);
                    for (int j = 0; j < width; j++)
                        row[j] = j < found ? gallery.IndexOf(ids[j]) : -1;
                }
            }
            var scores = pass.Score(Rank, $"HNSW search, ef={ef}", progress, cancellation);
            approximate = new HnswRetrievalScores(ef, scores.RecallAt, scores.MapAt, scores.Rank1);
        }
        return new RetrievalReport
        {
            Dataset = dataset,
            Queries = queries.Count,
            Gallery = galleryCount,
            QueriesWithoutRelevant = pass.WithoutRelevant,
            ApMode = settings.ApMode == AveragePrecisionMode.Ir ? "ir" : "integrate",
            RecallAt = exact.RecallAt,
            MapAt = exact.MapAt,
            Rank1 = exact.Rank1,
            Hnsw = approximate,
            Notes = notes,
        };
    }

    /// <summary>Ranks a block: <c>width</c> gallery indices per query, best first, −1 where fewer (or where the gallery has no such item).</summary>
    private delegate void BlockRanker(RetrievalQueryBlock block, int width, Span<int> ranked);

    /// <summary>One pass over the queries: each block ranked, each query's own item dropped (leave-one-out), the rest tallied.</summary>
    private sealed class Pass(IRetrievalQueries queries, LabelSets galleryLabels, LabelVocabulary vocabulary, RetrievalSettings settings)
    {
        private readonly RelevantCounter relevant = new(galleryLabels);

        /// <summary>Results asked of each search: the depth, and one more for leave-one-out's own item.</summary>
        public int Width { get; } = settings.Depth + (settings.LeaveOneOut ? 1 : 0);

        /// <summary>Queries with no relevant gallery item, as the last pass counted them.</summary>
        public int WithoutRelevant { get; private set; }

        /// <summary>Tallies the rankings <paramref name="rank"/> makes, reporting <paramref name="stage"/> before each block and at the end.</summary>
        public RetrievalScores Score(BlockRanker rank, string stage, IProgress<EvaluationProgress>? progress, CancellationToken cancellation)
        {
            var tally = new RetrievalTally(queries.Count, galleryLabels, settings.RecallTopK, settings.MapTopK, settings.ApMode);
            var kept = new int[settings.Depth];
            int done = 0, withoutRelevant = 0;
            foreach (var block in queries.Blocks(cancellation))
            {
                cancellation.ThrowIfCancellationRequested();
                progress?.Report(new EvaluationProgress(stage, done, queries.Count));
                var labels = LabelSets.FromStrings(block.Labels, vocabulary);
                var ranked = new int[block.Indices.Length * Width];
                rank(block, Width, ranked);
                for (int i = 0; i < block.Indices.Length; i++)
                {
                    int query = block.Indices[i];
                    int count = relevant.Count(labels[i]) - (settings.LeaveOneOut && !labels[i].IsEmpty ? 1 : 0);
                    withoutRelevant += count == 0 ? 1 : 0;
                    Keep(ranked.AsSpan(i * Width, Width), settings.LeaveOneOut ? query : -1, kept);
                    tally.Add(query, kept, labels[i], count);
                }
                done += block.Indices.Length;
            }
            progress?.Report(new EvaluationProgress(stage, done, queries.Count));
            WithoutRelevant = withoutRelevant;
            return tally.Scores();
        }

        /// <summary>The first kept.Length items of a ranking but <paramref name="own"/> (and empty slots), −1 after them.</summary>
        private static void Keep(ReadOnlySpan<int> ranking, int own, Span<int> kept)
        {
            int filled = 0;
            foreach (int g in ranking)
            {
                if (filled < kept.Length && g >= 0 && g != own)
                    kept[filled++] = g;
            }
            kept[filled..].Fill(-1);
        }
    }
}
