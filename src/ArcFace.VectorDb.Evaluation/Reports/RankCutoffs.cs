namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>The K keys of Recall@K and mAP@K ("1", "5", "10"…) in the order people read them.</summary>
internal static class RankCutoffs
{
    /// <summary>Numeric keys ascending by value, any other key after them in ordinal order.</summary>
    public static IReadOnlyList<string> Ordered(IEnumerable<string> keys) =>
        [.. keys.OrderBy(key => int.TryParse(key, out int k) ? k : int.MaxValue).ThenBy(key => key, StringComparer.Ordinal)];
}
