using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Evaluation.Tests.Retrieval;

/// <summary>Labelled 2-d points on the x axis, so L2 rankings can be read off a number line by hand.</summary>
internal static class LineRows
{
    /// <summary>Row i is (x_i, 0) with the given label ("" for none) and id i.</summary>
    public static LabeledRows Of(params (float X, string Label)[] points) =>
        new(points.SelectMany(p => new[] { p.X, 0f }).ToArray(), 2,
            points.Select(p => p.Label.Length == 0 ? Array.Empty<string>() : [p.Label]).ToArray(),
            points.Select((_, i) => (ulong)i).ToArray());
}
