using ArcFace.VectorDb.Core.Search;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>What measurements read of an HNSW index: its parameters and shape, and k-NN search with an ef per query.</summary>
public interface IHnswView
{
    /// <summary>Floats per vector.</summary>
    int Dimension { get; }

    /// <summary>The parameters the index was built with.</summary>
    HnswOptions Options { get; }

    /// <summary>Bytes held in memory by codes (or float vectors), links, node metadata and the id map.</summary>
    long MemoryBytes { get; }

    /// <summary>Bytes of the exact-vector file a quantised index re-ranks with; 0 without quantisation.</summary>
    long ExactVectorBytes { get; }

    /// <summary>The graph's shape now.</summary>
    HnswStatistics Statistics();

    /// <summary>
    /// Writes up to min(k, results.Length) nearest live vectors into <paramref name="results"/>, best first; returns
    /// how many. A quantised index re-ranks ⌈oversampling·k⌉ candidates exactly (its default when null).
    /// </summary>
    int Search(ReadOnlySpan<float> query, int k, int ef, Span<SearchHit> results, float? oversampling = null);
}
