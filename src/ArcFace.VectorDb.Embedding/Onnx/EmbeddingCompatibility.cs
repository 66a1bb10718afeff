namespace ArcFace.VectorDb.Embedding.Onnx;

/// <summary>
/// The one rule for whether an embedder's vectors compare with vectors already made: the same model bytes (by
/// SHA-256, whatever the file is called) and the same preprocessing line.
/// </summary>
public static class EmbeddingCompatibility
{
    /// <summary>
    /// Why <paramref name="embedder"/>'s vectors do not compare with ones recorded as made by <paramref name="model"/>
    /// ("FILE sha256:HEX") with <paramref name="preprocessing"/>, naming both sides; null when they compare. A part not
    /// recorded (null) is not checked.
    /// </summary>
    public static string? Mismatch(string? model, string? preprocessing, OnnxEmbedder embedder)
    {
        if (model is not null && ModelIdentity.Parse(model)?.IsSameModelAs(embedder.Model) != true)
            return $"it was made by {model}, not {embedder.ModelId}";
        if (preprocessing is not null && preprocessing != embedder.PreprocessDescription)
            return $"it was made with preprocessing '{preprocessing}', not '{embedder.PreprocessDescription}'";
        return null;
    }
}
