namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>The three files of a report: the JSON (machines), the Markdown page and the PNG chart (people).</summary>
public sealed record ReportPaths(string Json, string Markdown, string Png)
{
    /// <summary>The three paths, JSON first.</summary>
    public IReadOnlyList<string> All => [Json, Markdown, Png];
}
