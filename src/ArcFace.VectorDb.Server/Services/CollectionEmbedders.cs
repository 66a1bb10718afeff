using System.Collections.Concurrent;
using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>
/// The embedder of each collection that names a model: the ONNX files of those names in the model folder (the model and,
/// for a collection of faces, the detector), checked against the SHA-256 the collection recorded, with the
/// preprocessing and detector settings it recorded. Opened once and shared; owned here.
/// </summary>
internal sealed class CollectionEmbedders(string? modelDirectory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ImageEmbedder>> embedders = new();

    /// <summary>
    /// Opens a model (and a detector, when named) from the model folder for a new collection and keeps them as the
    /// embedder of collections made with them, so the first image search does not load them again.
    /// </summary>
    public ImageEmbedder OpenForNewCollection(CreateCollectionRequest request)
    {
        ImageEmbedder embedder;
        try
        {
            var model = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = ModelPath(request.Model), Flip = request.Flip },
                new PreprocessChoice { Preset = string.IsNullOrEmpty(request.Preset) ? null : request.Preset });
            embedder = new ImageEmbedder(model, request.Detector.Length == 0 ? null : Faces(request.Detector, request.DetThreshold, (int)Math.Min(request.DetSize, int.MaxValue)));
        }
        catch (Exception e) when (e is ModelException or ArgumentException)
        {
            throw RequestChecks.Invalid(e.Message);
        }
        var kept = embedders.GetOrAdd(Key(embedder.Model.ModelId, embedder.Model.PreprocessDescription, embedder.Faces?.Detector.Description), _ => new Lazy<ImageEmbedder>(embedder)).Value;
        if (!ReferenceEquals(kept, embedder))
            Dispose(embedder);
        return kept;
    }

    /// <summary>The embedder of a collection; FAILED_PRECONDITION when the collection has no model or a file is not the one it was made with.</summary>
    public ImageEmbedder For(CollectionSettings settings)
    {
        if (settings.Model is not { } model || settings.Preprocessing is not { } preprocessing)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Collection '{settings.Name}' names no model; create it with one to search or ingest by image."));
        string key = Key(model, preprocessing, settings.Detector);
        var lazy = embedders.GetOrAdd(key, _ => new Lazy<ImageEmbedder>(() => Open(settings, model, preprocessing)));
        try
        {
            return lazy.Value;
        }
        catch (Exception e) when (e is RpcException or ModelException or ArgumentException)
        {
            embedders.TryRemove(key, out _);
            throw e as RpcException ?? new RpcException(new Status(StatusCode.FailedPrecondition, $"Collection '{settings.Name}': {e.Message}"));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var lazy in embedders.Values.Where(l => l.IsValueCreated))
            Dispose(lazy.Value);
    }

    private static void Dispose(ImageEmbedder embedder)
    {
        embedder.Model.Dispose();
        embedder.Faces?.Detector.Dispose();
    }

    private static string Key(string model, string preprocessing, string? detector) => $"{model}|{preprocessing}|{detector}";

    private ImageEmbedder Open(CollectionSettings settings, string model, string preprocessing)
    {
        string file = ModelIdentity.Parse(model)?.FileName ?? model;
        if (PreprocessChoice.Parse(preprocessing) is not { } parsed)
            throw Unusable(settings, $"it records preprocessing '{preprocessing}', which this server cannot read");
        var embedder = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = ModelPath(file), Flip = parsed.Flip }, parsed.Choice);
        try
        {
            if (EmbeddingCompatibility.Mismatch(model, preprocessing, embedder) is { } mismatch)
                throw Unusable(settings, $"the model folder's {file} does not fit: {mismatch}");
            return new ImageEmbedder(embedder, settings.Detector is { } detector ? RecordedFaces(settings, detector) : null);
        }
        catch
        {
            embedder.Dispose();
            throw;
        }
    }

    /// <summary>The detector a collection recorded, from the model folder, checked against the recorded hash.</summary>
    private FaceOptions RecordedFaces(CollectionSettings settings, string recorded)
    {
        if (DetectorIdentity.Parse(recorded) is not { } identity)
            throw Unusable(settings, $"it records detector '{recorded}', which this server cannot read");
        var faces = Faces(identity.Model.FileName, identity.Threshold, identity.DetSize);
        if (faces.Detector.Identity.IsSameAs(identity))
            return faces;
        faces.Detector.Dispose();
        throw Unusable(settings, $"its faces were found by {recorded}, but the model folder holds {faces.Detector.Description}");
    }

    /// <summary>A detector from the model folder (threshold 0 = 0.5, size 0 = 640), finding every face of a photo.</summary>
    private FaceOptions Faces(string file, float threshold, int size)
    {
        var options = new DetectorOptions { ModelPath = ModelPath(file) };
        var detector = FaceDetector.Open(options with
        {
            Threshold = threshold == 0 ? options.Threshold : threshold,
            DetSize = size == 0 ? options.DetSize : size,
        });
        return new FaceOptions(detector);
    }

    private static RpcException Unusable(CollectionSettings settings, string reason) =>
        new(new Status(StatusCode.FailedPrecondition, $"Collection '{settings.Name}' cannot embed images here: {reason}."));

    private string ModelPath(string file)
    {
        if (modelDirectory is null)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "This server was started without --model-dir, so it cannot embed images."));
        if (file.Length == 0 || file != Path.GetFileName(file))
            throw RequestChecks.Invalid($"'{file}' is not a model file name in the model folder.");
        string path = Path.Combine(modelDirectory, file);
        return File.Exists(path) ? path : throw RequestChecks.Invalid($"The model folder has no '{file}'.");
    }
}
