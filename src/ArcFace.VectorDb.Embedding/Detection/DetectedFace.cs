using System.Numerics;

namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>One detected face: its box, score and five landmarks (left eye, right eye, nose, left and right mouth corners), in photo pixels.</summary>
public sealed record DetectedFace(FaceBox Box, float Score, Vector2[] Landmarks);
