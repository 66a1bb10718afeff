using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>
/// Int8 scalar quantiser: each component x of dimension d is clipped to [lowerᵈ, upperᵈ] and coded as
/// c = round((x − offsetᵈ) / stepᵈ) in [−128, 127], with stepᵈ = (upperᵈ − lowerᵈ) / 255 and offsetᵈ = lowerᵈ + 128·stepᵈ;
/// it decodes to offsetᵈ + c·stepᵈ.
/// </summary>
/// <remarks>
/// Inner products of decoded vectors split into a code-domain dot product plus per-vector terms:
/// decode(a)·decode(b) = Σ stepᵈ²·aᵈbᵈ + k(a) + k(b), with the correction k(a) = Σ offsetᵈ·stepᵈ·aᵈ + ½Σ offsetᵈ²
/// returned by <see cref="Encode"/> and stored beside the codes. With a global range the first term is
/// step² × an int8 dot product.
/// </remarks>
public sealed class ScalarQuantizer
{
    private const int FormatVersion = 1;

    private readonly float[] _lower;
    private readonly float[] _upper;
    private readonly float[] _offset;
    private readonly float[] _step;
    private readonly float[] _inverseStep;
    private readonly float _halfOffsetSquares;

    private ScalarQuantizer(ScalarRange range, float[] lower, float[] upper)
    {
        Range = range;
        _lower = lower;
        _upper = upper;
        int dimension = lower.Length;
        _offset = new float[dimension];
        _step = new float[dimension];
        _inverseStep = new float[dimension];
        double halfOffsetSquares = 0;
        for (int d = 0; d < dimension; d++)
        {
            float step = upper[d] > lower[d] ? (upper[d] - lower[d]) / 255f : 1f;
            _step[d] = step;
            _inverseStep[d] = 1f / step;
            _offset[d] = lower[d] + 128f * step;
            halfOffsetSquares += 0.5 * _offset[d] * _offset[d];
        }
        _halfOffsetSquares = (float)halfOffsetSquares;
    }

    /// <summary>Number of dimensions of the vectors this quantiser codes.</summary>
    public int Dimension => _lower.Length;

    /// <summary>Bytes of code per vector (one int8 per dimension).</summary>
    public int CodeLength => _lower.Length;

    /// <summary>Whether the clipping range is global or per dimension.</summary>
    public ScalarRange Range { get; }

    /// <summary>Lower clipping bound per dimension (all equal for a global range).</summary>
    public ReadOnlySpan<float> Lower => _lower;

    /// <summary>Upper clipping bound per dimension (all equal for a global range).</summary>
    public ReadOnlySpan<float> Upper => _upper;

    /// <summary>Width of one code step per dimension: the decode error inside the range is at most half of it.</summary>
    public ReadOnlySpan<float> Step => _step;

    /// <summary>Learns the clipping ranges from a sample of vectors stored row after row in <paramref name="sample"/>.</summary>
    public static ScalarQuantizer Train(ReadOnlySpan<float> sample, int dimension, ScalarQuantizerOptions? options = null)
    {
        options ??= ScalarQuantizerOptions.Default;
        if (dimension <= 0 || sample.Length == 0 || sample.Length % dimension != 0)
            throw new ArgumentException($"The sample must hold a positive whole number of {dimension}-dimensional vectors; it has {sample.Length} floats.", nameof(sample));
        var lower = new float[dimension];
        var upper = new float[dimension];
        if (options.Range == ScalarRange.Global)
        {
            var (lo, hi) = QuantileRange.Of(sample.ToArray(), options.Quantile);
            Array.Fill(lower, lo);
            Array.Fill(upper, hi);
        }
        else
        {
            int rows = sample.Length / dimension;
            var column = new float[rows];
            for (int d = 0; d < dimension; d++)
            {
                for (int r = 0; r < rows; r++)
                    column[r] = sample[r * dimension + d];
                (lower[d], upper[d]) = QuantileRange.Of(column, options.Quantile);
            }
        }
        return new ScalarQuantizer(options.Range, lower, upper);
    }

    /// <summary>A global-range quantiser over [<paramref name="lower"/>, <paramref name="upper"/>] for vectors of <paramref name="dimension"/> components.</summary>
    public static ScalarQuantizer WithGlobalRange(float lower, float upper, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (!(float.IsFinite(lower) && float.IsFinite(upper) && lower <= upper))
            throw new ArgumentException($"The range [{lower}, {upper}] is not a finite interval.");
        var lows = new float[dimension];
        var highs = new float[dimension];
        Array.Fill(lows, lower);
        Array.Fill(highs, upper);
        return new ScalarQuantizer(ScalarRange.Global, lows, highs);
    }

    /// <summary>Writes the codes of <paramref name="vector"/> into <paramref name="codes"/> and returns its correction term k.</summary>
    public float Encode(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        VectorLengths.RequireEqual(Dimension, vector.Length);
        VectorLengths.RequireEqual(Dimension, codes.Length);
        double correction = _halfOffsetSquares;
        for (int d = 0; d < vector.Length; d++)
        {
            float code = MathF.Round((vector[d] - _offset[d]) * _inverseStep[d]);
            sbyte c = (sbyte)Math.Clamp(float.IsNaN(code) ? 0f : code, -128f, 127f);
            codes[d] = c;
            correction += (double)_offset[d] * _step[d] * c;
        }
        return (float)correction;
    }

    /// <summary>Writes the approximate vector that <paramref name="codes"/> stand for into <paramref name="vector"/>.</summary>
    public void Decode(ReadOnlySpan<sbyte> codes, Span<float> vector)
    {
        VectorLengths.RequireEqual(Dimension, codes.Length);
        VectorLengths.RequireEqual(Dimension, vector.Length);
        for (int d = 0; d < codes.Length; d++)
            vector[d] = _offset[d] + codes[d] * _step[d];
    }

    /// <summary>Prepares a float query for asymmetric scoring: its weights queryᵈ·stepᵈ quantised to int8 with a scale of their own.</summary>
    public ScalarQuery PrepareQuery(ReadOnlySpan<float> query)
    {
        VectorLengths.RequireEqual(Dimension, query.Length);
        float largest = 0f;
        double offset = 0;
        for (int d = 0; d < query.Length; d++)
        {
            largest = MathF.Max(largest, MathF.Abs(query[d] * _step[d]));
            offset += (double)query[d] * _offset[d];
        }
        float scale = largest > 0f ? largest / 127f : 1f;
        var codes = new sbyte[Dimension];
        for (int d = 0; d < query.Length; d++)
            codes[d] = (sbyte)Math.Clamp(MathF.Round(query[d] * _step[d] / scale), -127f, 127f);
        return new ScalarQuery(codes, scale, (float)offset);
    }

    /// <summary>Symmetric estimate decode(a)·decode(b) from two codes and their correction terms (an int8 kernel for a global range).</summary>
    public float EstimateInnerProduct(ReadOnlySpan<sbyte> a, float correctionA, ReadOnlySpan<sbyte> b, float correctionB)
    {
        VectorLengths.RequireEqual(Dimension, a.Length);
        VectorLengths.RequireEqual(Dimension, b.Length);
        float codeTerm;
        if (Range == ScalarRange.Global)
            codeTerm = _step[0] * _step[0] * Int8DotProduct.Compute(a, b);
        else
        {
            double sum = 0;
            for (int d = 0; d < a.Length; d++)
                sum += (double)_step[d] * _step[d] * (a[d] * b[d]);
            codeTerm = (float)sum;
        }
        return codeTerm + correctionA + correctionB;
    }

    /// <summary>Writes the trained ranges (version, range kind, dimension, lower and upper bounds) in little-endian binary.</summary>
    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(FormatVersion);
        writer.Write((int)Range);
        writer.Write(Dimension);
        for (int d = 0; d < Dimension; d++)
        {
            writer.Write(_lower[d]);
            writer.Write(_upper[d]);
        }
    }

    /// <summary>Reads a quantiser written by <see cref="Write"/>.</summary>
    public static ScalarQuantizer Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        int version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"Unknown scalar quantiser format version {version}.");
        var range = (ScalarRange)reader.ReadInt32();
        int dimension = reader.ReadInt32();
        if (!Enum.IsDefined(range) || dimension <= 0)
            throw new InvalidDataException($"Bad scalar quantiser header: range {range}, dimension {dimension}.");
        var lower = new float[dimension];
        var upper = new float[dimension];
        for (int d = 0; d < dimension; d++)
        {
            lower[d] = reader.ReadSingle();
            upper[d] = reader.ReadSingle();
        }
        return new ScalarQuantizer(range, lower, upper);
    }
}
