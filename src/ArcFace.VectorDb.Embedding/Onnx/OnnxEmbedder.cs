using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Embedding.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace ArcFace.VectorDb.Embedding.Onnx;

/// <summary>
/// Turns preprocessed CHW tensors into L2-normalised embeddings with an ONNX model. Input and output buffers are pinned
/// once and reused for every batch; a model with a fixed batch axis is fed in chunks of its batch. Thread-safe (calls
/// are serialised).
/// </summary>
public sealed class OnnxEmbedder : IDisposable
{
    /// <summary>The model metadata key naming the preset a model was trained with.</summary>
    public const string DeclaredPresetKey = "arcvdb.preset";

    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly float[] input;
    private readonly float[] output;
    private readonly float[] flipped;
    private readonly Dictionary<int, BoundBatch> bound = [];
    private readonly Lock gate = new();

    private OnnxEmbedder(OpenedSession opened, ModelSignature signature, PreprocessSpec spec, string description, string? presetWarning, EmbedderOptions options, ModelIdentity model)
    {
        session = opened.Session;
        Provider = opened.Provider;
        FallbackReason = opened.FallbackReason;
        PresetWarning = presetWarning;
        Signature = signature;
        Spec = spec;
        PreprocessDescription = options.Flip ? description + " flip=on" : description;
        Flip = options.Flip;
        Model = model;
        BatchSize = signature.FixedBatch ?? Math.Max(1, options.BatchSize);
        IntraOpThreads = InferenceSessions.IntraOpThreads(options);
        input = GC.AllocateArray<float>(BatchSize * spec.TensorLength, pinned: true);
        output = GC.AllocateArray<float>(BatchSize * signature.Dimension, pinned: true);
        flipped = Flip ? new float[BatchSize * signature.Dimension] : [];
        Run(BatchSize); // warm-up: the first run plans memory and JIT-compiles kernels
    }

    /// <summary>The execution provider that runs the model (CUDAExecutionProvider:N or CPUExecutionProvider).</summary>
    public string Provider { get; }

    /// <summary>Why CUDA was asked for but the CPU runs, or null.</summary>
    public string? FallbackReason { get; }

    /// <summary>Which preset was assumed, and how to choose another, when neither the caller nor the model named one; else null.</summary>
    public string? PresetWarning { get; }

    /// <summary>The model's input and output.</summary>
    public ModelSignature Signature { get; }

    /// <summary>The preprocessing that makes this model's tensors.</summary>
    public PreprocessSpec Spec { get; }

    /// <summary>One line describing the preprocessing and the flip (kept in collection manifests).</summary>
    public string PreprocessDescription { get; }

    /// <summary>The model's file name and SHA-256 (the hash is what identifies it).</summary>
    public ModelIdentity Model { get; }

    /// <summary>"file.onnx sha256:…": identifies the model in collection manifests.</summary>
    public string ModelId => Model.ToString();

    /// <summary>Images per inference call.</summary>
    public int BatchSize { get; }

    /// <summary>ONNX Runtime intra-op threads of the session.</summary>
    public int IntraOpThreads { get; }

    /// <summary>Embedding dimension.</summary>
    public int Dimension => Signature.Dimension;

    /// <summary>Whether embeddings average the image and its mirror.</summary>
    public bool Flip { get; }

    /// <summary>
    /// Opens a model, checks its signature against the preprocessing and warms it up. Without a preset, the one the
    /// model names in its metadata (key "arcvdb.preset") is used, else insightface is assumed (see <see cref="PresetWarning"/>).
    /// </summary>
    public static OnnxEmbedder Open(EmbedderOptions options, PreprocessChoice preprocess)
    {
        var opened = InferenceSessions.Open(options);
        try
        {
            string modelName = Path.GetFileName(options.ModelPath);
            var signature = ModelSignature.Read(opened.Session, modelName);
            string? declared = opened.Session.ModelMetadata.CustomMetadataMap.GetValueOrDefault(DeclaredPresetKey);
            var settled = preprocess with { Preset = preprocess.Preset ?? declared ?? PreprocessChoice.AssumedPreset };
            var spec = settled.Resolve(signature.Width, signature.Height);
            string description = settled.Describe(spec);
            string? presetWarning = preprocess.Preset is null && declared is null ? AssumedPresetWarning(modelName, description) : null;
            return new OnnxEmbedder(opened, signature, spec, description, presetWarning, options, ModelIdentity.OfFile(options.ModelPath));
        }
        catch
        {
            opened.Session.Dispose();
            throw;
        }
    }

    /// <summary>True when an embedding row has a direction to compare: finite and not zero (see <see cref="Embed"/>).</summary>
    public static bool IsUsable(ReadOnlySpan<float> embedding)
    {
        float squares = Core.Distance.DotProduct.Compute(embedding, embedding);
        return squares > 0 && float.IsFinite(squares);
    }

    /// <summary>
    /// Embeds <paramref name="count"/> tensors laid end to end in <paramref name="tensors"/> into <paramref name="embeddings"/>
    /// (count·Dimension floats, each row L2-normalised; a row the model made non-finite or zero is left as it came out).
    /// </summary>
    public void Embed(ReadOnlySpan<float> tensors, int count, Span<float> embeddings)
    {
        int length = Spec.TensorLength, dim = Dimension;
        if (tensors.Length < count * length || embeddings.Length < count * dim)
            throw new ArgumentException($"{count} images need {count * length} tensor floats and {count * dim} embedding floats.");
        lock (gate)
        {
            for (int start = 0; start < count; start += BatchSize)
            {
                int n = Math.Min(BatchSize, count - start);
                tensors.Slice(start * length, n * length).CopyTo(input);
                Run(n);
                if (Flip)
                {
                    output.AsSpan(0, n * dim).CopyTo(flipped);
                    MirrorInPlace(input.AsSpan(0, n * length), Spec.Width);
                    Run(n);
                    for (int i = 0; i < n * dim; i++)
                        output[i] += flipped[i];
                }
                var target = embeddings.Slice(start * dim, n * dim);
                output.AsSpan(0, n * dim).CopyTo(target);
                for (int i = 0; i < n; i++)
                    NormalizeIfFinite(target.Slice(i * dim, dim));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var batch in bound.Values)
            batch.Dispose();
        runOptions.Dispose();
        session.Dispose();
    }

    /// <summary>Mirrors every row of every plane of CHW tensors (mirroring before normalisation is the same, since it is per pixel).</summary>
    internal static void MirrorInPlace(Span<float> tensors, int width)
    {
        for (int row = 0; row + width <= tensors.Length; row += width)
            tensors.Slice(row, width).Reverse();
    }

    private void Run(int n)
    {
        if (!bound.TryGetValue(n, out var batch))
            bound[n] = batch = new BoundBatch(this, n);
        session.Run(runOptions, batch.InputNames, batch.Inputs, batch.OutputNames, batch.Outputs);
    }

    private static string AssumedPresetWarning(string modelName, string description) =>
        $"{modelName} names no preprocessing (metadata key {DeclaredPresetKey}) and none was chosen, so preset '{PreprocessChoice.AssumedPreset}' is assumed ({description}). " +
        $"If the model was trained otherwise, choose its preprocessing with --preset ({string.Join(", ", PreprocessPresets.Names)}) or the explicit flags (--size, --resize, --resize-mode, --mean, --std, --channel-order).";

    private static void NormalizeIfFinite(Span<float> row)
    {
        foreach (float x in row)
        {
            if (!float.IsFinite(x))
                return;
        }
        L2Normalization.Normalize(row);
    }

    /// <summary>OrtValues over the pinned buffers for one batch size, made once and reused.</summary>
    private sealed class BoundBatch : IDisposable
    {
        public BoundBatch(OnnxEmbedder owner, int n)
        {
            var spec = owner.Spec;
            long[] inputShape = [n, 3, spec.Height, spec.Width];
            long[] outputShape = owner.Signature.OutputRank == 2 ? [n, owner.Dimension] : [n, owner.Dimension, 1, 1];
            InputNames = [owner.Signature.InputName];
            OutputNames = [owner.Signature.OutputName];
            Inputs = [OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, owner.input.AsMemory(0, n * spec.TensorLength), inputShape)];
            Outputs = [OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, owner.output.AsMemory(0, n * owner.Dimension), outputShape)];
        }

        public string[] InputNames { get; }

        public string[] OutputNames { get; }

        public OrtValue[] Inputs { get; }

        public OrtValue[] Outputs { get; }

        public void Dispose()
        {
            Inputs[0].Dispose();
            Outputs[0].Dispose();
        }
    }
}
