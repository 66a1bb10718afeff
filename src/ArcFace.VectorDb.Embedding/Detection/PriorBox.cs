namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>One RetinaFace anchor, as fractions of the detector input's width and height.</summary>
internal readonly record struct PriorBox(float CenterX, float CenterY, float Width, float Height);
