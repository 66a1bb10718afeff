namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>True accept rate at one false accept rate target, over the test folds.</summary>
/// <param name="Mean">Mean test-fold TAR, ×100.</param>
/// <param name="Std">Population standard deviation of the test-fold TAR, ×100.</param>
/// <param name="Far">Mean FAR the chosen thresholds give on the test folds, as a fraction (compare with the target).</param>
public sealed record TarAtFarScore(double Mean, double Std, double Far);
