namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Two images to compare and whether they show the same identity.</summary>
public sealed record VerificationPair(string First, string Second, bool Same);
