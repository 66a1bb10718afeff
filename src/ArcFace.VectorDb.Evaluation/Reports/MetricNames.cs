using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>How reports and `arcvdb info` name a metric: a collection by its own metric (Cosine, InnerProduct, L2), bare vectors by the index's.</summary>
public static class MetricNames
{
    /// <summary>The name of a collection's metric; Cosine stays Cosine though its index scores by inner product.</summary>
    public static string Of(CollectionMetric metric) => metric.ToString();

    /// <summary>The name of an index metric, for vectors that belong to no collection.</summary>
    public static string Of(Metric metric) => metric.ToString();
}
