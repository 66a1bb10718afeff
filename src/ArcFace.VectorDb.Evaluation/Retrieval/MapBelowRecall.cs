namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>Why mAP@K sits far below Recall@K on galleries with many items per label: said once, printed by the demo and the retrieval report.</summary>
public static class MapBelowRecall
{
    /// <summary>The explanation, one sentence.</summary>
    public const string Note =
        "mAP@K as mmpretrain computes it divides each query's precision sum by all its relevant gallery items, not by K: " +
        "when a query has many more relevant items than K (dozens of same-class images, say), mAP@K stays far below Recall@K.";
}
