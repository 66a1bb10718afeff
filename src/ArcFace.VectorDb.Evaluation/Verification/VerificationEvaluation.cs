using ArcFace.VectorDb.Evaluation.Reports;

namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>A face verification evaluation: its source, insightface's k-fold figures, mean similarities, and a ROC over all scored pairs.</summary>
/// <param name="Source">The pair list and what was left out of it.</param>
/// <param name="Metrics">Cross-validated accuracy and TAR@FAR.</param>
/// <param name="SameMeanSimilarity">Mean cosine similarity of the same pairs; null when there are none.</param>
/// <param name="DifferentMeanSimilarity">Mean cosine similarity of the different pairs; null when there are none.</param>
/// <param name="Roc">TAR against FAR as the threshold loosens; empty unless there are same and different pairs.</param>
public sealed record VerificationEvaluation(
    VerificationSource Source, VerificationReport Metrics, double? SameMeanSimilarity, double? DifferentMeanSimilarity, IReadOnlyList<RocPoint> Roc)
{
    /// <summary>When, where and by which version the report was made.</summary>
    public ReportOrigin Origin { get; init; } = ReportOrigin.Now();
}
