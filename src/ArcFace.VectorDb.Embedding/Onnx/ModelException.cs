namespace ArcFace.VectorDb.Embedding.Onnx;

/// <summary>A model that cannot be loaded or used as an image embedder; the message names what was found.</summary>
public sealed class ModelException(string message, Exception? inner = null) : Exception(message, inner);
