namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>A float query prepared for scoring against int8 codes: its own int8 codes, a scale and an offset.</summary>
/// <remarks>Score(x) = Scale · (Codes · codes(x)) + Offset ≈ query · decode(codes(x)); one int8 dot product per candidate.</remarks>
public sealed class ScalarQuery
{
    private readonly sbyte[] _codes;

    internal ScalarQuery(sbyte[] codes, float scale, float offset)
    {
        _codes = codes;
        Scale = scale;
        Offset = offset;
    }

    /// <summary>The query's weights (query component × the dimension's step) quantised to int8.</summary>
    public ReadOnlySpan<sbyte> Codes => _codes;

    /// <summary>Multiplies the int8 dot product back to the inner-product scale.</summary>
    public float Scale { get; }

    /// <summary>Σ queryᵢ · offsetᵢ: the part of the score that does not depend on the candidate.</summary>
    public float Offset { get; }

    /// <summary>Estimated inner product of the query with the vector these codes encode.</summary>
    public float Score(ReadOnlySpan<sbyte> codes) => Scale * Int8DotProduct.Compute(_codes, codes) + Offset;
}
