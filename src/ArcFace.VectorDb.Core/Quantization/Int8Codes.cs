using System.Runtime.CompilerServices;
using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>
/// The node layout of an int8 code: one signed byte per dimension, padded to four bytes, then one float term that
/// makes code-to-code distances a single int8 dot product plus two per-code terms (see <see cref="Int8Encoder"/>).
/// </summary>
internal static unsafe class Int8Codes
{
    /// <summary>Bytes of one code: the int8 components, padding to a multiple of four, the float term.</summary>
    public static int Bytes(int dimension) => TermOffset(dimension) + sizeof(float);

    /// <summary>Offset of the float term in a code.</summary>
    public static int TermOffset(int dimension) => (dimension + 3) & ~3;

    /// <summary>The float term of a code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Term(byte* code, int dimension) => *(float*)(code + TermOffset(dimension));
}

/// <summary>
/// Int8 codes of a global-range scalar quantiser scored by inner product: the term is the code's correction
/// divided by step², so −(a·b + term(a) + term(b)) is the negated decoded inner product over step².
/// </summary>
internal readonly unsafe struct Int8DotCodes : ICodeDistance
{
    /// <inheritdoc />
    public static int CodeBytes(int dimension) => Int8Codes.Bytes(dimension);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Compute(byte* a, byte* b, int dimension) =>
        -(Int8DotKernel.Compute((sbyte*)a, (sbyte*)b, dimension) + Int8Codes.Term(a, dimension) + Int8Codes.Term(b, dimension));

    /// <inheritdoc />
    public static void ComputeFour(byte* query, byte* c0, byte* c1, byte* c2, byte* c3, int dimension, float* distances)
    {
        distances[0] = Compute(query, c0, dimension);
        distances[1] = Compute(query, c1, dimension);
        distances[2] = Compute(query, c2, dimension);
        distances[3] = Compute(query, c3, dimension);
    }
}

/// <summary>
/// Int8 codes of a global-range scalar quantiser scored by squared Euclidean distance: the term is Σcᵢ², so
/// term(a) + term(b) − 2·a·b is ‖a − b‖² in code steps (the offsets cancel).
/// </summary>
internal readonly unsafe struct Int8L2Codes : ICodeDistance
{
    /// <inheritdoc />
    public static int CodeBytes(int dimension) => Int8Codes.Bytes(dimension);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Compute(byte* a, byte* b, int dimension) =>
        Int8Codes.Term(a, dimension) + Int8Codes.Term(b, dimension) - 2f * Int8DotKernel.Compute((sbyte*)a, (sbyte*)b, dimension);

    /// <inheritdoc />
    public static void ComputeFour(byte* query, byte* c0, byte* c1, byte* c2, byte* c3, int dimension, float* distances)
    {
        distances[0] = Compute(query, c0, dimension);
        distances[1] = Compute(query, c1, dimension);
        distances[2] = Compute(query, c2, dimension);
        distances[3] = Compute(query, c3, dimension);
    }
}
