namespace ArcFace.VectorDb.Core.Distance;

/// <summary>How two vectors are compared; results are always ordered best first.</summary>
public enum Metric
{
    /// <summary>Inner product (cosine on L2-normalised vectors); score = dot product, higher is better.</summary>
    InnerProduct,

    /// <summary>Squared Euclidean distance; score = squared distance, lower is better.</summary>
    L2,
}
