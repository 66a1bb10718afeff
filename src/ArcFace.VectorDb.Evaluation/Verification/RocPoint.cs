namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>One point of a ROC curve: the rates at which all pairs scoring strictly above a cosine threshold are accepted.</summary>
/// <param name="Threshold">The cosine similarity threshold.</param>
/// <param name="Far">Share of different pairs accepted, as a fraction.</param>
/// <param name="Tar">Share of same pairs accepted, ×100.</param>
public sealed record RocPoint(double Threshold, double Far, double Tar);
