using System.Globalization;
using ArcFace.VectorDb.Embedding.Onnx;
using Microsoft.ML.OnnxRuntime;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>
/// Finds faces and their five landmarks with a RetinaFace-format ONNX model: letterboxed input, prior-box decoding, score
/// threshold and NMS at IoU 0.4, coordinates mapped back to the photo. Thread-safe (runs are serialised).
/// </summary>
public sealed class FaceDetector : IDisposable
{
    private readonly InferenceSession session;
    private readonly DetectorSignature signature;
    private readonly RunOptions runOptions = new();
    private readonly DetectorBuffers buffers = new();
    private readonly Dictionary<(int Width, int Height), PriorBox[]> priorsBySize = [];
    private readonly List<DetectedFace> candidates = [];
    private readonly Lock gate = new();

    private FaceDetector(OpenedSession opened, DetectorSignature signature, DetectorOptions options, ModelIdentity model)
    {
        session = opened.Session;
        this.signature = signature;
        Provider = opened.Provider;
        FallbackReason = opened.FallbackReason;
        Model = model;
        Threshold = options.Threshold;
        DetSize = options.DetSize;
        BatchSize = signature.BatchOfOne ? 1 : options.BatchSize;
        WarmUp(model.FileName);
    }

    /// <summary>The model's file name and SHA-256.</summary>
    public ModelIdentity Model { get; }

    /// <summary>Faces scoring under this are dropped.</summary>
    public float Threshold { get; }

    /// <summary>The longest side of the detector input.</summary>
    public int DetSize { get; }

    /// <summary>The execution provider that runs the model (CUDAExecutionProvider:N or CPUExecutionProvider).</summary>
    public string Provider { get; }

    /// <summary>Why CUDA was asked for but the CPU runs, or null.</summary>
    public string? FallbackReason { get; }

    /// <summary>Photos per run (1 when the model's batch axis is fixed at 1).</summary>
    public int BatchSize { get; }

    /// <summary>The model and the settings that decide which faces it finds.</summary>
    public DetectorIdentity Identity => new(Model, Threshold, DetSize);

    /// <summary>One line for collection manifests: "FILE sha256:HEX threshold=T det-size=S".</summary>
    public string Description => Identity.ToString();

    /// <summary>Opens a detector: checks the model's signature and warms it up; an unusable model throws a <see cref="ModelException"/>.</summary>
    public static FaceDetector Open(DetectorOptions options)
    {
        if (!(options.Threshold is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), $"The detection threshold must be between 0 and 1; got {options.Threshold}.");
        if (options.DetSize < Letterbox.Stride)
            throw new ArgumentOutOfRangeException(nameof(options), $"The detector size must be at least {Letterbox.Stride}; got {options.DetSize}.");
        if (options.BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"The detector batch must be at least 1; got {options.BatchSize}.");
        var opened = InferenceSessions.Open(new EmbedderOptions { ModelPath = options.ModelPath, Device = options.Device, IntraOpThreads = options.IntraOpThreads });
        try
        {
            var signature = DetectorSignature.Read(opened.Session, Path.GetFileName(options.ModelPath));
            return new FaceDetector(opened, signature, options, ModelIdentity.OfFile(options.ModelPath));
        }
        catch
        {
            opened.Session.Dispose();
            throw;
        }
    }

    /// <summary>The padded detector input size a photo gets; photos with equal input sizes run together.</summary>
    public (int Width, int Height) InputSize(int photoWidth, int photoHeight)
    {
        var letterbox = LetterboxOf(photoWidth, photoHeight);
        return (letterbox.InputWidth, letterbox.InputHeight);
    }

    /// <summary>The faces in one photo, sorted by score, descending.</summary>
    public IReadOnlyList<DetectedFace> Detect(Image<Rgb24> photo) => Detect([photo])[0];

    /// <summary>The faces in each photo (sorted by score, descending); photos sharing an input size run together, up to <see cref="BatchSize"/> at a time.</summary>
    public IReadOnlyList<DetectedFace>[] Detect(IReadOnlyList<Image<Rgb24>> photos)
    {
        var results = new IReadOnlyList<DetectedFace>[photos.Count];
        var letterboxes = new Letterbox[photos.Count];
        var groups = new Dictionary<(int, int), List<int>>();
        for (int i = 0; i < photos.Count; i++)
        {
            letterboxes[i] = LetterboxOf(photos[i].Width, photos[i].Height);
            var size = (letterboxes[i].InputWidth, letterboxes[i].InputHeight);
            if (!groups.TryGetValue(size, out var members))
                groups[size] = members = [];
            members.Add(i);
        }
        lock (gate)
        {
            foreach (var members in groups.Values)
            {
                for (int start = 0; start < members.Count; start += BatchSize)
                    RunChunk(photos, letterboxes, members.GetRange(start, Math.Min(BatchSize, members.Count - start)), results);
            }
        }
        return results;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        runOptions.Dispose();
        session.Dispose();
    }

    private Letterbox LetterboxOf(int photoWidth, int photoHeight) =>
        signature is { Width: { } width, Height: { } height }
            ? Letterbox.Fixed(photoWidth, photoHeight, width, height)
            : Letterbox.Fit(photoWidth, photoHeight, DetSize);

    /// <summary>Writes, runs and decodes photos that share one input size (under the gate).</summary>
    private void RunChunk(IReadOnlyList<Image<Rgb24>> photos, Letterbox[] letterboxes, List<int> chunk, IReadOnlyList<DetectedFace>[] results)
    {
        var shape = letterboxes[chunk[0]];
        var priors = PriorsOf(shape.InputWidth, shape.InputHeight);
        int length = shape.TensorLength, count = priors.Length;
        buffers.Ensure(chunk.Count, length, count);
        for (int k = 0; k < chunk.Count; k++)
            letterboxes[chunk[k]].Write(photos[chunk[k]], buffers.Input.AsSpan(k * length, length));
        Run(chunk.Count, shape, count);
        for (int k = 0; k < chunk.Count; k++)
        {
            candidates.Clear();
            RetinaFaceDecoding.Decode(priors, buffers.Loc.AsSpan(k * count * 4, count * 4), buffers.Conf.AsSpan(k * count * 2, count * 2),
                buffers.Landms.AsSpan(k * count * 10, count * 10), shape.InputWidth, shape.InputHeight, Threshold, candidates);
            var kept = NonMaxSuppression.Apply(candidates);
            var faces = new DetectedFace[kept.Count];
            for (int f = 0; f < faces.Length; f++)
                faces[f] = letterboxes[chunk[k]].ToPhoto(kept[f]);
            results[chunk[k]] = faces;
        }
    }

    /// <summary>Runs the model on the first <paramref name="images"/> tensors of the input buffer into the output buffers.</summary>
    private void Run(int images, Letterbox shape, int priors)
    {
        var memory = OrtMemoryInfo.DefaultInstance;
        using var input = OrtValue.CreateTensorValueFromMemory(memory, buffers.Input.AsMemory(0, images * shape.TensorLength), [images, 3, shape.InputHeight, shape.InputWidth]);
        using var loc = OrtValue.CreateTensorValueFromMemory(memory, buffers.Loc.AsMemory(0, images * priors * 4), [images, priors, 4]);
        using var conf = OrtValue.CreateTensorValueFromMemory(memory, buffers.Conf.AsMemory(0, images * priors * 2), [images, priors, 2]);
        using var landms = OrtValue.CreateTensorValueFromMemory(memory, buffers.Landms.AsMemory(0, images * priors * 10), [images, priors, 10]);
        session.Run(runOptions, [signature.InputName], [input], [signature.LocName, signature.ConfName, signature.LandmsName], [loc, conf, landms]);
    }

    private PriorBox[] PriorsOf(int width, int height)
    {
        if (!priorsBySize.TryGetValue((width, height), out var priors))
            priorsBySize[(width, height)] = priors = RetinaFacePriors.For(width, height);
        return priors;
    }

    /// <summary>One run on a blank DetSize×DetSize photo: plans memory, and proves the outputs have one row per prior.</summary>
    private void WarmUp(string modelName)
    {
        var shape = LetterboxOf(DetSize, DetSize);
        int priors = RetinaFacePriors.Count(shape.InputWidth, shape.InputHeight);
        buffers.Ensure(1, shape.TensorLength, priors);
        buffers.Input.AsSpan(0, shape.TensorLength).Clear();
        try
        {
            Run(1, shape, priors);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelException($"{modelName} fails on a {shape.InputWidth}×{shape.InputHeight} input with {priors} RetinaFace priors: {e.Message.Split('\n', 2)[0].Trim()}", e);
        }
    }
}
