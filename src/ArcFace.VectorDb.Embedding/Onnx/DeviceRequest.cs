using System.Globalization;

namespace ArcFace.VectorDb.Embedding.Onnx;

/// <summary>Where inference is asked to run: the CPU, or a CUDA device by index.</summary>
public readonly record struct DeviceRequest(bool Cuda, int GpuIndex)
{
    /// <summary>The CPU; CUDA is never tried.</summary>
    public static DeviceRequest Cpu => new(false, 0);

    /// <summary>Parses "cpu", "cuda" or "cuda:N".</summary>
    public static DeviceRequest Parse(string text)
    {
        string value = text.Trim().ToLowerInvariant();
        if (value == "cpu")
            return Cpu;
        if (value == "cuda")
            return new(true, 0);
        if (value.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            return new(true, index);
        throw new ArgumentException($"Unknown device '{text}': use cpu, cuda or cuda:N.");
    }

    /// <inheritdoc />
    public override string ToString() => Cuda ? $"cuda:{GpuIndex}" : "cpu";
}
