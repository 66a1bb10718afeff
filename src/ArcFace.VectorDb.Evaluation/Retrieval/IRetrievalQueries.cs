namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>The queries of a retrieval evaluation, read a block at a time so that they need not all be in memory at once.</summary>
public interface IRetrievalQueries
{
    /// <summary>Queries in all; each has an index from 0 to Count − 1 (for leave-one-out, its gallery index).</summary>
    int Count { get; }

    /// <summary>Floats per vector.</summary>
    int Dimension { get; }

    /// <summary>Every query once, in blocks, in any order; a fresh pass each time it is enumerated.</summary>
    IEnumerable<RetrievalQueryBlock> Blocks(CancellationToken cancellation);
}

/// <summary>Some queries: the index of each, their vectors row after row, and the labels of each.</summary>
public sealed record RetrievalQueryBlock(int[] Indices, ReadOnlyMemory<float> Vectors, IReadOnlyList<string[]> Labels);
