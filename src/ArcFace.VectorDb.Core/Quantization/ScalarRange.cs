namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>Whether a scalar quantiser learns one clipping range for all dimensions or one per dimension.</summary>
public enum ScalarRange
{
    /// <summary>One range for every dimension: code × code scores are a plain int8 dot product times one scale.</summary>
    Global,

    /// <summary>One range per dimension: tighter steps where dimensions differ in spread; code × code scores need a weighted sum.</summary>
    PerDimension,
}
