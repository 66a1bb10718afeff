using System.CommandLine;
using ArcFace.VectorDb.Embedding.Images;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>An image embedder opened from a command's options: the model and, with --detector, the face detector; owns both.</summary>
internal sealed class OpenedImageEmbedder : IDisposable
{
    private OpenedImageEmbedder(ImageEmbedder embedder) => Embedder = embedder;

    /// <summary>The embedder.</summary>
    public ImageEmbedder Embedder { get; }

    /// <summary>One line naming the model, its input and output tensors, where it runs and its preprocessing.</summary>
    public string Description
    {
        get
        {
            var model = Embedder.Model;
            return $"model {model.ModelId}: [{model.BatchSize},3,{model.Spec.Height},{model.Spec.Width}] → {model.Dimension}-d on {model.Provider}; {model.PreprocessDescription}";
        }
    }

    /// <summary>Opens the model and the detector the options name, saying on <paramref name="log"/> what runs where and what had to be assumed.</summary>
    public static OpenedImageEmbedder Open(ParseResult result, ModelOptions model, FaceDetectionOptions faces, ProgressLog log)
    {
        var recogniser = model.Open(result, log);
        try
        {
            var detector = faces.Open(result, model.Device(result));
            if (detector is null)
                return new(new ImageEmbedder(recogniser));
            if (detector.FallbackReason is { } fallback)
                log.Line($"warning: detector: {fallback}");
            float minFace = faces.MinFace(result);
            log.Line($"faces: {detector.Description} on {detector.Provider}, keeping {faces.Choice(result).ToString().ToLowerInvariant()} faces" + (minFace > 0 ? $" of at least {minFace:F0} px" : ""));
            return new(new ImageEmbedder(recogniser, new FaceOptions(detector, faces.Choice(result), faces.MinFace(result))));
        }
        catch
        {
            recogniser.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Embedder.Model.Dispose();
        Embedder.Faces?.Detector.Dispose();
    }
}
