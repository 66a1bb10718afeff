using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>How a collection scores vectors.</summary>
public enum CollectionMetric
{
    /// <summary>Cosine similarity: vectors are L2-normalised on the way in and scored by inner product (the default for ArcFace).</summary>
    Cosine,

    /// <summary>Raw inner product, vectors stored as given.</summary>
    InnerProduct,

    /// <summary>Euclidean distance, vectors stored as given.</summary>
    L2,
}

/// <summary>What a collection metric means for the index and for incoming vectors.</summary>
public static class CollectionMetricExtensions
{
    /// <summary>The index metric behind a collection metric.</summary>
    public static Metric IndexMetric(this CollectionMetric metric) => metric == CollectionMetric.L2 ? Metric.L2 : Metric.InnerProduct;

    /// <summary>True when vectors are L2-normalised before they are stored.</summary>
    public static bool NormalizesVectors(this CollectionMetric metric) => metric == CollectionMetric.Cosine;
}
