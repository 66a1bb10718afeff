using System.Collections.Concurrent;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>
/// The embedder of each collection that names a model: the ONNX file of that name in the model folder, checked against
/// the SHA-256 the collection recorded, with the preprocessing it recorded. Opened once and shared.
/// </summary>
internal sealed class CollectionEmbedders(string? modelDirectory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ImageEmbedder>> embedders = new();

    /// <summary>
    /// Opens a model from the model folder for a new collection and keeps it as the embedder of collections made with
    /// it (owned here: callers do not dispose it), so the first image search does not load it again.
    /// </summary>
    public ImageEmbedder OpenForNewCollection(string modelFile, string? preset, bool flip)
    {
        string path = ModelPath(modelFile);
        ImageEmbedder embedder;
        try
        {
            embedder = new ImageEmbedder(OnnxEmbedder.Open(new EmbedderOptions { ModelPath = path, Flip = flip }, new PreprocessChoice { Preset = string.IsNullOrEmpty(preset) ? null : preset }));
        }
        catch (Exception e) when (e is ModelException or ArgumentException)
        {
            throw RequestChecks.Invalid(e.Message);
        }
        var kept = embedders.GetOrAdd(Key(embedder.Model.ModelId, embedder.Model.PreprocessDescription), _ => new Lazy<ImageEmbedder>(embedder)).Value;
        if (!ReferenceEquals(kept, embedder))
            embedder.Model.Dispose();
        return kept;
    }

    /// <summary>The embedder of a collection; FAILED_PRECONDITION when the collection has no model or the file is not the one it was made with.</summary>
    public ImageEmbedder For(CollectionSettings settings)
    {
        if (settings.Model is not { } model || settings.Preprocessing is not { } preprocessing)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Collection '{settings.Name}' names no model; create it with one to search or ingest by image."));
        var lazy = embedders.GetOrAdd(Key(model, preprocessing), _ => new Lazy<ImageEmbedder>(() => Open(settings, model, preprocessing)));
        try
        {
            return lazy.Value;
        }
        catch (Exception e) when (e is RpcException or ModelException or ArgumentException)
        {
            embedders.TryRemove(Key(model, preprocessing), out _);
            throw e as RpcException ?? new RpcException(new Status(StatusCode.FailedPrecondition, $"Collection '{settings.Name}': {e.Message}"));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var lazy in embedders.Values.Where(l => l.IsValueCreated))
            lazy.Value.Model.Dispose();
    }

    private static string Key(string model, string preprocessing) => $"{model}|{preprocessing}";

    private ImageEmbedder Open(CollectionSettings settings, string model, string preprocessing)
    {
        string file = ModelIdentity.Parse(model)?.FileName ?? model;
        if (PreprocessChoice.Parse(preprocessing) is not { } parsed)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Collection '{settings.Name}' records preprocessing '{preprocessing}', which this server cannot read."));
        var embedder = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = ModelPath(file), Flip = parsed.Flip }, parsed.Choice);
        if (EmbeddingCompatibility.Mismatch(model, preprocessing, embedder) is { } mismatch)
        {
            embedder.Dispose();
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Collection '{settings.Name}' cannot use the model folder's {file}: {mismatch}."));
        }
        return new ImageEmbedder(embedder);
    }

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
