namespace ArcFace.VectorDb.Embedding.Onnx;

/// <summary>How an <see cref="OnnxEmbedder"/> loads and runs its model.</summary>
public sealed record EmbedderOptions
{
    /// <summary>The ONNX model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Where to run; CUDA falls back to the CPU unless <see cref="RequireGpu"/>.</summary>
    public DeviceRequest Device { get; init; } = DeviceRequest.Cpu;

    /// <summary>Fail instead of falling back to the CPU when CUDA cannot load.</summary>
    public bool RequireGpu { get; init; }

    /// <summary>Images per inference call (a model with a fixed batch axis uses its own).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>ONNX Runtime intra-op threads; 0 means one per core.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Test-time flip: embedding = normalise(f(x) + f(mirror(x))).</summary>
    public bool Flip { get; init; }
}
