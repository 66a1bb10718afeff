namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>A count of same-identity pairs and of different-identity pairs.</summary>
internal readonly record struct PairCounts(int Same, int Different);
