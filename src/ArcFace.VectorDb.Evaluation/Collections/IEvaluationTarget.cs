using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Collections;

/// <summary>
/// A collection as the evaluation jobs read it: one on this node (<see cref="LocalEvaluationTarget"/>) or a cluster's sharded
/// one. Both give the same rows in the same order (live records by id), so the exact figures agree between them.
/// </summary>
public interface IEvaluationTarget
{
    /// <summary>What the collection is.</summary>
    CollectionSettings Settings { get; }

    /// <summary>Live records when the collection was looked up.</summary>
    int Count { get; }

    /// <summary>Fires when the collection is dropped, so jobs reading it stop (None where drops are not signalled: the job then fails on its next read).</summary>
    CancellationToken Dropped { get; }

    /// <summary>Every live record in id order; a record's label is its one label (none when empty).</summary>
    LabeledRows Read(CancellationToken cancellation);

    /// <summary>The live records as a retrieval gallery, a record's gallery index being its position in id order.</summary>
    IRetrievalGallery RetrievalGallery(CancellationToken cancellation);

    /// <summary>The live records as retrieval queries, indexed as in <see cref="RetrievalGallery"/> (so, for leave-one-out, by their gallery index).</summary>
    IRetrievalQueries RetrievalQueries(CancellationToken cancellation);

    /// <summary>The collection's HNSW search, as a query of the API runs it.</summary>
    GalleryRanker Ranker { get; }

    /// <summary>Up to <paramref name="size"/> stored vectors as queries, the records at <see cref="QuerySample.Positions"/> of the live ones in id order.</summary>
    QuerySample Sample(int size, int seed, CancellationToken cancellation);

    /// <summary>The exact top <paramref name="k"/> ids of each row of <paramref name="queries"/> over the live records, row after row (<see cref="RecallAtK.Missing"/> where fewer).</summary>
    ulong[] ExactTopK(float[] queries, int k, int threads, CancellationToken cancellation);

    /// <summary>One timed pass of the HNSW search over the queries at one ef (see <see cref="AnnSweep"/>).</summary>
    AnnRun Sweep(float[] queries, int queryCount, ulong[] truth, int k, int ef, ulong[] found);

    /// <summary>The ANN report of <paramref name="runs"/>, describing the index as it is.</summary>
    AnnReport Describe(int vectors, int queries, int k, string groundTruth, IReadOnlyList<AnnRun> runs);
}
