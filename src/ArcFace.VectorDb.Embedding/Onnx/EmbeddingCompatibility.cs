namespace ArcFace.VectorDb.Embedding.Onnx;

/// <summary>The one rule for whether vectors compare: the same model bytes (SHA-256, whatever the file's name) and the same preprocessing.</summary>
public static class EmbeddingCompatibility
{
    /// <summary>Why the embedder's vectors do not compare with ones recorded as made by a model and preprocessing (null: not recorded), naming both; null when they do.</summary>
    public static string? Mismatch(string? model, string? preprocessing, OnnxEmbedder embedder)
    {
        if (model is not null && ModelIdentity.Parse(model)?.IsSameModelAs(embedder.Model) != true)
            return $"it was made by {model}, not {embedder.ModelId}";
        if (preprocessing is not null && preprocessing != embedder.PreprocessDescription)
            return $"it was made with preprocessing '{preprocessing}', not '{embedder.PreprocessDescription}'";
        return null;
    }
}
