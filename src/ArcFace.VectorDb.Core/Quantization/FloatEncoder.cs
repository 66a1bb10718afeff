using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>The identity code: the float32 vector itself.</summary>
internal sealed class FloatEncoder(int dimension) : CodeEncoder(dimension)
{
    /// <inheritdoc />
    public override VectorQuantization Kind => VectorQuantization.None;

    /// <inheritdoc />
    public override int CodeBytes => Dimension * sizeof(float);

    /// <inheritdoc />
    public override bool IsTrained => true;

    /// <inheritdoc />
    public override byte[] Parameters() => [];

    /// <inheritdoc />
    public override void Train(ReadOnlySpan<float> rows)
    {
    }

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<float> vector, Span<byte> code) => MemoryMarshal.AsBytes(vector).CopyTo(code);
}
