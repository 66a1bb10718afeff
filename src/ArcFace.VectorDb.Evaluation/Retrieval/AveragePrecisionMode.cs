namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>How AP@K is computed, as mmpretrain's RetrievalAveragePrecision names its modes.</summary>
public enum AveragePrecisionMode
{
    /// <summary>Sum of precision at each relevant rank within the top K, divided by all relevant gallery items ("IR").</summary>
    Ir,

    /// <summary>Trapezoid integration of the precision–recall curve over the top K ("integrate").</summary>
    Integrate,
}
