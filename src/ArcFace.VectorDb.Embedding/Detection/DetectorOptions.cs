using ArcFace.VectorDb.Embedding.Onnx;

namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>How a <see cref="FaceDetector"/> loads its model and reads its output.</summary>
public sealed record DetectorOptions
{
    /// <summary>The RetinaFace-format ONNX model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Faces scoring under this are dropped.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>The longer side of the detector input is at most this: photos are scaled down to fit, never up, aspect kept.</summary>
    public int DetSize { get; init; } = 640;

    /// <summary>Where to run; CUDA falls back to the CPU when it cannot load.</summary>
    public DeviceRequest Device { get; init; } = DeviceRequest.Cpu;

    /// <summary>ONNX Runtime intra-op threads; 0 means one per core.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Photos per detector run when they share an input size (a model with its batch fixed at 1 runs them one by one).</summary>
    public int BatchSize { get; init; } = 8;
}
