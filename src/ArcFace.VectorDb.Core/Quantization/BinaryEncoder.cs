using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>1-bit codes from a <see cref="BinaryQuantizer"/> whose thresholds are the training rows' means (0, the sign, with too few rows).</summary>
internal sealed class BinaryEncoder : CodeEncoder
{
    /// <summary>
    /// Rows from which a mean is a better threshold than 0: a few dozen already place it inside the data, where 0 sets
    /// every bit of data in one orthant (pixels, or the crash tests' uniform [0, 1) vectors) and makes all codes equal.
    /// </summary>
    private const int MinMeanRows = 16;

    private BinaryQuantizer? quantizer;

    /// <summary>An encoder for a dimension, trained from <paramref name="parameters"/> (the thresholds) when they are not empty.</summary>
    public BinaryEncoder(int dimension, ReadOnlySpan<byte> parameters)
        : base(dimension)
    {
        if (parameters.IsEmpty)
            return;
        if (parameters.Length != dimension * sizeof(float))
            throw new InvalidDataException($"The binary parameters hold {parameters.Length} bytes; {dimension} thresholds need {dimension * sizeof(float)}.");
        quantizer = new BinaryQuantizer(MemoryMarshal.Cast<byte, float>(parameters).ToArray());
    }

    /// <inheritdoc />
    public override VectorQuantization Kind => VectorQuantization.Binary;

    /// <inheritdoc />
    public override int CodeBytes => HammingCodes.CodeBytes(Dimension);

    /// <inheritdoc />
    public override bool IsTrained => quantizer is not null;

    /// <inheritdoc />
    public override byte[] Parameters() => quantizer is null ? [] : MemoryMarshal.AsBytes(quantizer.Thresholds).ToArray();

    /// <inheritdoc />
    public override void Train(ReadOnlySpan<float> rows)
    {
        if (quantizer is not null)
            return;
        quantizer = rows.Length / Dimension >= MinMeanRows ? BinaryQuantizer.Train(rows, Dimension) : new BinaryQuantizer(Dimension);
    }

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<float> vector, Span<byte> code)
    {
        var trained = quantizer ?? throw new InvalidOperationException("The binary encoder is not trained yet.");
        trained.Encode(vector, MemoryMarshal.Cast<byte, ulong>(code));
    }
}
