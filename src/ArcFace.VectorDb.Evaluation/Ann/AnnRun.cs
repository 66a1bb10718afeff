namespace ArcFace.VectorDb.Evaluation.Ann;

/// <summary>Recall and speed of one ef setting: every query run one at a time on one thread.</summary>
public sealed record AnnRun(int Ef, double Recall, double Qps, double P50Us, double P99Us);
