using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>
/// Turns float vectors into the codes an index's nodes hold. A quantising encoder is trained once, on the first rows
/// it is given, and keeps what it learned in <see cref="Parameters"/> so that a reopened index codes the same way.
/// </summary>
internal abstract class CodeEncoder(int dimension)
{
    /// <summary>Components per vector.</summary>
    public int Dimension { get; } = dimension;

    /// <summary>The kind of code.</summary>
    public abstract VectorQuantization Kind { get; }

    /// <summary>Bytes of one code.</summary>
    public abstract int CodeBytes { get; }

    /// <summary>Whether codes can be written (float codes need no training).</summary>
    public abstract bool IsTrained { get; }

    /// <summary>What training learned, to persist; empty while untrained.</summary>
    public abstract byte[] Parameters();

    /// <summary>Learns from row-major sample vectors; once trained, later calls are ignored.</summary>
    public abstract void Train(ReadOnlySpan<float> rows);

    /// <summary>Writes the code of <paramref name="vector"/> into <paramref name="code"/> (CodeBytes long).</summary>
    public abstract void Encode(ReadOnlySpan<float> vector, Span<byte> code);

    /// <summary>The encoder of a kind for a metric and dimension, restored from persisted parameters when given.</summary>
    public static CodeEncoder Create(VectorQuantization kind, Metric metric, int dimension, ReadOnlySpan<byte> parameters = default) => kind switch
    {
        VectorQuantization.None => new FloatEncoder(dimension),
        VectorQuantization.Int8 => new Int8Encoder(metric, dimension, parameters),
        VectorQuantization.Binary => new BinaryEncoder(dimension, parameters),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown quantisation."),
    };
}
