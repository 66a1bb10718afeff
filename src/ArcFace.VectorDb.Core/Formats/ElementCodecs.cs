using System.Numerics;
using System.Numerics.Tensors;

namespace ArcFace.VectorDb.Core.Formats;

/// <summary>The element encodings the vector file formats use.</summary>
internal static class ElementCodecs
{
    /// <summary>float32 kept as float32.</summary>
    public static readonly ElementCodec<float> Float32 = new RawElementCodec<float>();

    /// <summary>int32 kept as int32.</summary>
    public static readonly ElementCodec<int> Int32 = new RawElementCodec<int>();

    /// <summary>uint8 widened to float32 (values 0..255, not scaled).</summary>
    public static readonly ElementCodec<float> UInt8AsFloat32 = new ConvertingElementCodec<byte, float>(Convert);

    /// <summary>float64 rounded to the nearest float32.</summary>
    public static readonly ElementCodec<float> Float64AsFloat32 = new ConvertingElementCodec<double, float>(Convert);

    /// <summary>int64 narrowed to int32; a value out of int32 range is an error.</summary>
    public static readonly ElementCodec<int> Int64AsInt32 = new ConvertingElementCodec<long, int>(Narrow);

    private static int Convert<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> target)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo>
    {
        TensorPrimitives.ConvertTruncating(source, target);
        return -1;
    }

    private static int Narrow(ReadOnlySpan<long> source, Span<int> target)
    {
        for (int i = 0; i < source.Length; i++)
        {
            long value = source[i];
            if (value is < int.MinValue or > int.MaxValue)
                return i;
            target[i] = (int)value;
        }
        return -1;
    }
}
