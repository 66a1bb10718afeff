using ArcFace.VectorDb.Embedding.Detection;

namespace ArcFace.VectorDb.Embedding.Images;

/// <summary>How an image embedder finds faces: the detector, which of a photo's faces become points, and the smallest it keeps (shorter box side, pixels).</summary>
public sealed record FaceOptions(FaceDetector Detector, FaceChoice Choice = FaceChoice.All, float MinFace = 0);
