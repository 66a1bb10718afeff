namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Face verification figures over a pair list, k-fold cross-validated as insightface's verification.py does it.</summary>
/// <param name="Pairs">Number of pairs.</param>
/// <param name="SamePairs">Pairs of the same identity (the rest are different).</param>
/// <param name="Folds">Number of consecutive folds.</param>
/// <param name="AccuracyMean">Mean test-fold accuracy at the threshold the other folds chose, ×100.</param>
/// <param name="AccuracyStd">Population standard deviation of the test-fold accuracy, ×100.</param>
/// <param name="Threshold">Mean chosen threshold as a cosine similarity: pairs scoring strictly above it are called the same.</param>
/// <param name="TarAtFar">TAR per FAR target keyed "1e-1" … "1e-4"; null where too few different pairs exist to measure that FAR.</param>
public sealed record VerificationReport(
    int Pairs, int SamePairs, int Folds, double AccuracyMean, double AccuracyStd, double Threshold,
    IReadOnlyDictionary<string, TarAtFarScore?> TarAtFar);
