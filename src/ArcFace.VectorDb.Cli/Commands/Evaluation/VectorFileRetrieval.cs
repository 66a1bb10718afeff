using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Evaluation;
using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>Retrieval over precomputed vectors: .npy/.fvecs files with label files of one line per vector.</summary>
internal static class VectorFileRetrieval
{
    /// <summary>Reads both sides, L2-normalises them (cosine, as ArcFace embeddings compare) and evaluates them as <see cref="RowsRetrieval"/> does.</summary>
    public static RetrievalReport Run(FileInfo queryVectors, FileInfo queryLabels, FileInfo galleryVectors, FileInfo galleryLabels,
        RetrievalSettings settings, HnswOptions indexOptions, IProgress<EvaluationProgress> progress, CancellationToken cancellation)
    {
        var queries = Read(queryVectors, queryLabels);
        var gallery = Read(galleryVectors, galleryLabels);
        if (queries.Dimension != gallery.Dimension)
            throw new ArgumentException($"{queryVectors.Name} holds {queries.Dimension}-d vectors but {galleryVectors.Name} holds {gallery.Dimension}-d ones.");
        string dataset = $"{Path.GetFileName(queryVectors.Name)} against {Path.GetFileName(galleryVectors.Name)}";
        return RowsRetrieval.Evaluate(dataset, queries, gallery, settings, indexOptions, progress, cancellation);
    }

    private static LabeledRows Read(FileInfo vectorFile, FileInfo labelFile)
    {
        var vectors = VectorFiles.ReadVectors(vectorFile.FullName);
        var labels = LabelFile.Read(labelFile.FullName);
        if (labels.Count != vectors.Count)
            throw new ArgumentException($"{labelFile.Name} has {labels.Count} label lines but {vectorFile.Name} holds {vectors.Count} vectors; there must be one line per vector.");
        for (int i = 0; i < vectors.Count; i++)
        {
            var row = vectors.Data.AsSpan(i * vectors.Dimension, vectors.Dimension);
            if (L2Normalization.Normalize(row) is not (> 0 and < double.PositiveInfinity))
                throw new ArgumentException($"{vectorFile.Name}: vector {i} is zero or not finite, so it has no direction to compare.");
        }
        return new LabeledRows(vectors.Data, vectors.Dimension, labels, [.. Enumerable.Range(0, vectors.Count).Select(i => (ulong)i)]);
    }
}
