namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>The files written beside a JSON report: the Markdown page and the PNG chart.</summary>
public sealed record ReportPaths(string Markdown, string Png);
