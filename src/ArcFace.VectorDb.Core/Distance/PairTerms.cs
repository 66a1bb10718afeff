using System.Runtime.CompilerServices;

namespace ArcFace.VectorDb.Core.Distance;

/// <summary>The per-element term that a pairwise reduction sums (a·b, (a−b)²), at every register width and in scalar.</summary>
internal interface IPairTerm
{
    /// <summary>acc + term(a, b) per lane.</summary>
    static abstract TVec Accumulate<TVec, TLanes>(TVec a, TVec b, TVec acc)
        where TVec : struct
        where TLanes : IVectorLanes<TVec>;

    /// <summary>acc + term(a, b) for one element.</summary>
    static abstract float Accumulate(float a, float b, float acc);
}

/// <summary>a·b: the inner product's term.</summary>
internal readonly struct ProductTerm : IPairTerm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Accumulate<TVec, TLanes>(TVec a, TVec b, TVec acc)
        where TVec : struct
        where TLanes : IVectorLanes<TVec> => TLanes.MultiplyAdd(a, b, acc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Accumulate(float a, float b, float acc) => MathF.FusedMultiplyAdd(a, b, acc);
}

/// <summary>(a−b)²: the squared Euclidean distance's term.</summary>
internal readonly struct SquaredDifferenceTerm : IPairTerm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Accumulate<TVec, TLanes>(TVec a, TVec b, TVec acc)
        where TVec : struct
        where TLanes : IVectorLanes<TVec>
    {
        var d = TLanes.Subtract(a, b);
        return TLanes.MultiplyAdd(d, d, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Accumulate(float a, float b, float acc)
    {
        float d = a - b;
        return MathF.FusedMultiplyAdd(d, d, acc);
    }
}
