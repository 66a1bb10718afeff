using System.Runtime.InteropServices;
using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>
/// Int8 codes from a global-range <see cref="ScalarQuantizer"/> (min to max of the training rows: measured better than
/// per-dimension ranges and quantile clipping on unit vectors, docs/bench/kernels.md), laid out as <see cref="Int8Codes"/>.
/// </summary>
internal sealed class Int8Encoder : CodeEncoder
{
    /// <summary>Fewer sample rows than this are too few to learn a range from: the range is then ±<see cref="SmallSampleMargin"/> × the largest magnitude seen.</summary>
    private const int MinRangeRows = 256;

    /// <summary>With too few training rows, the range is ±this many times the largest magnitude seen.</summary>
    private const float SmallSampleMargin = 1.5f;

    private readonly Metric metric;
    private ScalarQuantizer? quantizer;
    private float inverseStepSquared;

    /// <summary>An encoder for a metric and dimension, trained from <paramref name="parameters"/> when they are not empty.</summary>
    public Int8Encoder(Metric metric, int dimension, ReadOnlySpan<byte> parameters)
        : base(dimension)
    {
        this.metric = metric;
        if (!parameters.IsEmpty)
        {
            using var stream = new MemoryStream(parameters.ToArray());
            var read = ScalarQuantizer.Read(stream);
            if (read.Dimension != dimension || read.Range != ScalarRange.Global)
                throw new InvalidDataException($"The int8 parameters are for {read.Dimension}-d vectors with a {read.Range} range, not {dimension}-d with a global one.");
            Use(read);
        }
    }

    /// <inheritdoc />
    public override VectorQuantization Kind => VectorQuantization.Int8;

    /// <inheritdoc />
    public override int CodeBytes => Int8Codes.Bytes(Dimension);

    /// <inheritdoc />
    public override bool IsTrained => quantizer is not null;

    /// <inheritdoc />
    public override byte[] Parameters()
    {
        if (quantizer is null)
            return [];
        using var stream = new MemoryStream();
        quantizer.Write(stream);
        return stream.ToArray();
    }

    /// <inheritdoc />
    public override void Train(ReadOnlySpan<float> rows)
    {
        if (quantizer is not null)
            return;
        if (rows.Length / Dimension >= MinRangeRows)
        {
            Use(ScalarQuantizer.Train(rows, Dimension));
            return;
        }
        float largest = 0f;
        foreach (float x in rows)
            largest = MathF.Max(largest, MathF.Abs(x));
        float bound = largest > 0f ? SmallSampleMargin * largest : 1f;
        Use(ScalarQuantizer.WithGlobalRange(-bound, bound, Dimension));
    }

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<float> vector, Span<byte> code)
    {
        var trained = quantizer ?? throw new InvalidOperationException("The int8 encoder is not trained yet.");
        var components = MemoryMarshal.Cast<byte, sbyte>(code[..Dimension]);
        float correction = trained.Encode(vector, components);
        int termOffset = Int8Codes.TermOffset(Dimension);
        code[Dimension..termOffset].Clear();
        float term = metric == Metric.InnerProduct ? correction * inverseStepSquared : SumOfSquares(components);
        MemoryMarshal.Write(code[termOffset..], in term);
    }

    private void Use(ScalarQuantizer trained)
    {
        float step = trained.Step[0];
        inverseStepSquared = 1f / (step * step);
        quantizer = trained;
    }

    private static float SumOfSquares(ReadOnlySpan<sbyte> components)
    {
        int sum = 0;
        foreach (sbyte c in components)
            sum += c * c;
        return sum;
    }
}
